package nnfs.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import org.rapaio.jupyter.kernel.channels.AbstractChannel;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.java.JavaEngine;
import org.rapaio.jupyter.kernel.core.java.RapaioExecutionControl;
import org.rapaio.jupyter.kernel.core.java.RapaioExecutionControlProvider;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageId;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ControlInterruptReply;
import org.rapaio.jupyter.kernel.message.messages.ControlShutdownReply;
import org.rapaio.jupyter.kernel.message.messages.ControlShutdownRequest;
import org.rapaio.jupyter.kernel.message.messages.IOPubStatus;
import org.rapaio.org.zeromq.ZMQ;   // the kernel jar carries JeroMQ under its own package

/**
 * Serves the kernel's control channel in place of rapaio-jupyter-kernel 3.0.1's own loop, which corrupts a running
 * cell.
 *
 * <p>In 3.0.1 the control loop and the shell loop share two pieces of state: the id of "the message being handled",
 * which becomes the parent of everything the kernel sends, and the stack of actions to run once a message is done
 * (for an execute request: send the reply, flush the output, restore System.out, publish idle). A control message
 * that arrives while a cell runs overwrites the id and then runs the cell's pending actions early, under the control
 * message's id. The cell's execute_reply so goes out as a reply to the control message: JupyterLab never learns that
 * the cell finished and its execution count stays empty. 3.0.1 also sends every control reply on the shell socket,
 * where the router drops it, so a client waiting for one waits forever.
 *
 * <p>Jupyter Server sends control messages with no user action: each time a browser connects to a kernel it "nudges"
 * the kernel with {@code kernel_info_request}s on shell and control, every half second until both have answered.
 * With 3.0.1 the control answer never comes, so the nudging goes on while the first cells run.
 *
 * <p>This loop answers each control request on the control socket, with that request as the parent, and touches
 * none of the shared state, so the shell loop is left alone: {@code kernel_info_request} gets the kernel's info,
 * {@code interrupt_request} stops the running cell, {@code shutdown_request} shuts the kernel down. Each is framed by
 * busy and idle on IOPub, as the messaging protocol asks.
 *
 * <p>An interrupt differs from 3.0.1's too, which shut down the thread pool that runs cells and stopped JShell: every
 * later cell then did nothing, silently, until a restart. Here the running cell is cancelled (it ends with "Execution
 * interrupted" and its thread is interrupted, which ends a sleep or a wait). Code that never looks at its interrupt
 * flag, such as a training loop, would go on running beside the next cells; if it has not ended after
 * {@link #GRACE_MILLIS}, its thread is stopped. The kernel keeps its variables and runs the next cell.
 */
final class ControlLoop {

    private static final Logger LOGGER = Logger.getLogger(ControlLoop.class.getSimpleName());
    private static final long POLL_MILLIS = 50;
    /** How long an interrupted cell's thread may take to end by itself before it is stopped. */
    static final long GRACE_MILLIS = 2000;
    /** JShell compiles cells into classes of this package; a thread running one of them is running a cell. */
    private static final String CELL_PACKAGE = "REPL.";
    /** The threads of the kernel's pool that runs cells (RapaioExecutionControl names them so). */
    private static final String CELL_THREAD_PREFIX = "Engine-thread-";

    private final Channels channels;
    private final RapaioKernel kernel;
    private final AbstractChannel control;
    private final AbstractChannel iopub;
    private final ZMQ.Poller poller;
    private final Method kernelInfo;

    private ControlLoop(Channels channels, RapaioKernel kernel) throws ReflectiveOperationException {
        this.channels = channels;
        this.kernel = kernel;
        this.control = (AbstractChannel) field(Channels.class, "control").get(channels);
        this.iopub = (AbstractChannel) field(Channels.class, "iopub").get(channels);
        ZMQ.Context context = (ZMQ.Context) field(AbstractChannel.class, "ctx").get(control);
        ZMQ.Socket socket = (ZMQ.Socket) field(AbstractChannel.class, "socket").get(control);
        this.poller = context.poller(1);
        this.poller.register(socket, ZMQ.Poller.POLLIN);
        this.kernelInfo = RapaioKernel.class.getDeclaredMethod("kernelInfo");
        this.kernelInfo.setAccessible(true);
    }

    /**
     * Stops the kernel's own control loop, which must not yet have read a message (call it before Jupyter can
     * connect), and serves the control channel from a new thread instead. Returns that thread.
     */
    static Thread replace(Channels channels, RapaioKernel kernel) throws ReflectiveOperationException,
            InterruptedException {
        AbstractChannel control = (AbstractChannel) field(Channels.class, "control").get(channels);
        LoopThread original = (LoopThread) field(control.getClass(), "loopThread").get(control);
        original.shutdown();
        original.join();
        ControlLoop loop = new ControlLoop(channels, kernel);
        Thread thread = new Thread(loop::run, "nnfs-control");
        thread.start();
        return thread;
    }

    private void run() {
        while (!channels.isMarkedForShutdown()) {
            if (poller.poll(POLL_MILLIS) <= 0) {
                continue;
            }
            Message<?> request = control.readMessage();
            if (request == null) {
                return;   // the channel was closed
            }
            try {
                handle(request);
            } catch (Exception e) {
                LOGGER.severe("[ControlLoop]: " + request.header().type().name() + " failed: " + e);
            }
        }
    }

    private void handle(Message<?> request) throws ReflectiveOperationException {
        MessageType<?> type = request.header().type();
        MessageId<?> id = request.getId();
        LOGGER.info("[ControlLoop]: Handling message: " + type.name());
        if (type == MessageType.SHELL_KERNEL_INFO_REQUEST) {
            publish(id, IOPubStatus.BUSY);
            reply(id, (ContentType<?>) kernelInfo.invoke(kernel));
            publish(id, IOPubStatus.IDLE);
        } else if (type == MessageType.CONTROL_INTERRUPT_REQUEST) {
            publish(id, IOPubStatus.BUSY);
            interruptCell();
            reply(id, new ControlInterruptReply());
            publish(id, IOPubStatus.IDLE);
        } else if (type == MessageType.CONTROL_SHUTDOWN_REQUEST) {
            boolean restart = ((ControlShutdownRequest) request.content()).restart();
            publish(id, IOPubStatus.BUSY);
            kernel.onShutdown();
            reply(id, restart ? ControlShutdownReply.SHUTDOWN_AND_RESTART : ControlShutdownReply.SHUTDOWN);
            publish(id, IOPubStatus.IDLE);
            // As the kernel's own loop did: closing the channels ends the shell loop and with it the process.
            channels.markForShutdown();
            channels.close();
        } else {
            LOGGER.severe("[ControlLoop]: Unhandled message: " + type.name());
        }
    }

    /** Cancels the running cell; stops its thread if it is still running the cell after the grace period. */
    private void interruptCell() throws ReflectiveOperationException {
        List<Thread> running = threadsRunningCells();
        cellExecution().interrupt();   // cancels the cell's task, interrupting its thread
        long deadline = System.nanoTime() + GRACE_MILLIS * 1_000_000;
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            // A thread that has left the cell, even for a moment, may already run the next cell: it is let go.
            running.removeIf(thread -> !isRunningCell(thread));
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        running.removeIf(thread -> !isRunningCell(thread));
        for (Thread thread : running) {
            stop(thread);
        }
    }

    /** The kernel's execution control, which runs each cell as a task on its thread pool. */
    private RapaioExecutionControl cellExecution() throws ReflectiveOperationException {
        JavaEngine engine = kernel.javaEngine();
        RapaioExecutionControlProvider provider =
                (RapaioExecutionControlProvider) field(JavaEngine.class, "controlProvider").get(engine);
        String executionId = (String) field(JavaEngine.class, "executionId").get(engine);
        return provider.getRegisteredControl(executionId);
    }

    private static List<Thread> threadsRunningCells() {
        List<Thread> running = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (isRunningCell(thread)) {
                running.add(thread);
            }
        }
        return running;
    }

    private static boolean isRunningCell(Thread thread) {
        if (!thread.isAlive() || !thread.getName().startsWith(CELL_THREAD_PREFIX)) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().startsWith(CELL_PACKAGE)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stops a thread that ignores its interrupt, as JShell itself stops a snippet. Thread.stop works up to Java 19;
     * on a later Java the cell's code runs on, and the log says so.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread thread) {
        try {
            thread.stop();
            LOGGER.info("[ControlLoop]: stopped " + thread.getName() + ", which ignored its interrupt");
        } catch (UnsupportedOperationException e) {
            LOGGER.severe("[ControlLoop]: " + thread.getName() + " ignores its interrupt and this Java cannot stop "
                    + "it; it runs on until it ends (restart the kernel to end it now)");
        }
    }

    private <T extends ContentType<T>> void publish(MessageId<?> parent, T content) {
        iopub.sendMessage(new Message<>(parent, content.type(), content));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void reply(MessageId<?> parent, ContentType<?> content) {
        control.sendMessage(new Message(parent, content.type(), content));
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
