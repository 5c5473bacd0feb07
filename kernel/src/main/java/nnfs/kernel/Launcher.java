package nnfs.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.LogManager;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.AbstractChannel;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.ControlChannel;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Starts rapaio-jupyter-kernel so that Jupyter can only reach it once it is ready.
 *
 * <p>Version 3.0.1 of the kernel has two start-up races, each of which leaves a kernel that never answers (together
 * about one start in three on this project's machine):
 * <ol>
 * <li>It binds its sockets, and starts the threads that serve them, before it installs its message handlers. Jupyter
 * sends its first {@code kernel_info_request} as soon as the process starts; if it arrives in that moment the shell
 * thread dies on a NullPointerException.</li>
 * <li>Each serving thread loops {@code while (running)}, but {@code running} is set only after the thread is started,
 * so a thread that gets going quickly sees {@code false} and ends at once.</li>
 * </ol>
 *
 * <p>The launcher gives the kernel private ports on the loopback interface and lets it bind them and install its
 * handlers. It then restarts any serving thread that ended early. Only then does it open the ports Jupyter asked for,
 * relaying bytes both ways between each of them and its private twin: until that moment Jupyter's connections are
 * refused and it simply retries, so its first message always finds a kernel that is ready. The relay copies bytes and
 * knows nothing of the protocol.
 *
 * <p>Before the ports open, the launcher also puts its own {@link ControlLoop} in place of the kernel's control loop,
 * which corrupts a running cell whenever a control message arrives. Nothing else about the kernel changes.
 */
public final class Launcher {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("Launcher: expected one argument, the Jupyter connection file, got "
                    + args.length);
        }
        LogManager.getLogManager().readConfiguration(
                MainApp.class.getClassLoader().getResourceAsStream("logging.properties"));
        ConnectionProperties external = Transform.fromJson(Files.readString(Path.of(args[0])),
                ConnectionProperties.class);
        if (!"tcp".equals(external.transport())) {
            throw new IllegalArgumentException("Launcher: expected the tcp transport, got " + external.transport());
        }
        int[] ports = privatePorts(Set.of(external.controlPort(), external.shellPort(), external.stdinPort(),
                external.hbPort(), external.iopubPort()));
        ConnectionProperties internal = new ConnectionProperties(ports[0], ports[1], "tcp",
                external.signatureScheme(), ports[2], ports[3], LOOPBACK.getHostAddress(), ports[4],
                external.key());

        Channels channels = new Channels(internal);
        channels.connect(MainApp.kernel);   // binds the private ports and installs the handlers
        List<Thread> revived = reviveEndedLoops(channels);
        revived.add(ControlLoop.replace(channels, MainApp.kernel));

        InetAddress ip = InetAddress.getByName(external.ip());
        relay(ip, external.controlPort(), internal.controlPort());
        relay(ip, external.shellPort(), internal.shellPort());
        relay(ip, external.stdinPort(), internal.stdinPort());
        relay(ip, external.hbPort(), internal.hbPort());
        relay(ip, external.iopubPort(), internal.iopubPort());

        channels.joinUntilClose();
        for (Thread thread : revived) {
            thread.join();
        }
        System.exit(0);
    }

    /**
     * Finds each channel's serving thread and, if it ended before it began (race 2), runs its loop again in a new
     * thread of the same name. Returns the new threads. The control channel is left out: {@link ControlLoop} serves
     * it.
     */
    private static List<Thread> reviveEndedLoops(Channels channels) throws Exception {
        Field running = LoopThread.class.getDeclaredField("running");
        running.setAccessible(true);
        List<Thread> revived = new ArrayList<>();
        for (Field channelField : Channels.class.getDeclaredFields()) {
            if (!AbstractChannel.class.isAssignableFrom(channelField.getType())
                    || channelField.getType() == ControlChannel.class) {
                continue;
            }
            channelField.setAccessible(true);
            Object channel = channelField.get(channels);
            for (Class<?> c = channel.getClass(); c != null; c = c.getSuperclass()) {
                for (Field loopField : c.getDeclaredFields()) {
                    if (loopField.getType() != LoopThread.class) {
                        continue;
                    }
                    loopField.setAccessible(true);
                    LoopThread loop = (LoopThread) loopField.get(channel);
                    if (loop == null) {
                        continue;
                    }
                    loop.join(100);   // a loop that saw running == false ends at once; a healthy one keeps going
                    if (!loop.isAlive()) {
                        running.set(loop, true);
                        Thread again = new Thread(loop::run, loop.getName());
                        again.start();
                        revived.add(again);
                    }
                }
            }
        }
        return revived;
    }

    /**
     * Five distinct free loopback ports, none of them one of Jupyter's (which are free too until the relays take
     * them). The probes stay open until all five are found, so no port is handed out twice.
     */
    private static int[] privatePorts(Set<Integer> jupyterPorts) throws IOException {
        List<ServerSocket> probes = new ArrayList<>();
        try {
            int[] ports = new int[5];
            for (int i = 0; i < ports.length; ) {
                ServerSocket probe = new ServerSocket(0, 1, LOOPBACK);
                probes.add(probe);
                if (!jupyterPorts.contains(probe.getLocalPort())) {
                    ports[i++] = probe.getLocalPort();
                }
            }
            return ports;
        } finally {
            for (ServerSocket probe : probes) {
                probe.close();
            }
        }
    }

    /** Accepts connections on {@code ip:port} and joins each to a new connection to the kernel's private port. */
    private static void relay(InetAddress ip, int port, int privatePort) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(ip, port));
        daemon("relay-" + port, () -> {
            while (true) {
                try {
                    Socket outside = server.accept();
                    Socket inside = new Socket(LOOPBACK, privatePort);
                    outside.setTcpNoDelay(true);
                    inside.setTcpNoDelay(true);
                    daemon("relay-" + port + "-in", () -> copy(outside, inside));
                    daemon("relay-" + port + "-out", () -> copy(inside, outside));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Copies bytes from one socket to the other until either side closes, then closes both. */
    private static void copy(Socket from, Socket to) {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // One side went away: the connection is over.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
