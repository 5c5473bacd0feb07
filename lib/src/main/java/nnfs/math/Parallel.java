package nnfs.math;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Splits a loop over rows (or columns) between the calling thread and one helper thread, for the second core of a
 * small machine. The products of a small network take microseconds, far too short for a thread pool's hand-over, so
 * the helper waits for its next half by spinning for a moment (then it parks, and costs nothing while a notebook
 * sits idle).
 *
 * <p>The numbers do not depend on it: each output element is computed by one thread, with the same operations in the
 * same order as without the split ({@code ParallelTest} compares every bit with one thread).
 *
 * <p>The helper is used only when the system property {@value #PROPERTY} is 2 and the JVM has two processors: on a
 * quiet machine it makes the larger layers' loops up to twice as fast (README: Performance), but while another
 * program keeps a core busy, a spinning helper takes the core the caller needed, and the loops get slower than on one
 * thread. Only one caller at a time uses it (another caller meanwhile runs its loop alone), and a task never splits
 * again inside.
 */
public final class Parallel {

    /** The system property with the number of threads: 1 (the default: no helper) or 2. */
    public static final String PROPERTY = "nnfs.threads";

    /** A part of a loop: the indices from {@code from} (included) to {@code to} (excluded). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** How long the helper spins for its next task before it parks, in nanoseconds. */
    private static final long SPIN_NANOS = 50_000;

    private static final boolean ENABLED = threads() > 1;
    private static final ReentrantLock IN_USE = new ReentrantLock();
    private static final Helper HELPER = ENABLED ? new Helper() : null;

    private Parallel() {
    }

    private static int threads() {
        String value = System.getProperty(PROPERTY);
        int processors = Runtime.getRuntime().availableProcessors();
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads == 1 || threads == 2) {
                return Math.min(threads, processors);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Parallel: expected the system property " + PROPERTY
                + " to be 1 or 2, got \"" + value + "\"");
    }

    /** "2 threads" or "1 thread (...)": for {@link Products#backend()}. */
    public static String state() {
        return ENABLED ? "2 threads" : "1 thread";
    }

    /**
     * Runs {@code task} over [0, n) on this thread and the helper: the range is cut into {@link #CHUNKS} chunks at
     * multiples of {@code grain}, and each thread claims the next unclaimed chunk until none is left, so a helper that
     * the operating system holds up costs at most one chunk's time (this thread takes the rest). With less than
     * {@code minimum} of work (n times {@code costPerIndex}), no helper, or the helper busy, all of it runs here.
     */
    public static void split(int n, int grain, long costPerIndex, long minimum, Range task) {
        if (!ENABLED || SERIAL.get() || (long) n * costPerIndex < minimum || n < 2 * grain || !IN_USE.tryLock()) {
            task.run(0, n);
            return;
        }
        try {
            int chunk = Math.max(grain, (n / CHUNKS + grain - 1) / grain * grain);
            int chunks = (n + chunk - 1) / chunk;
            Job job = HELPER.start(task, n, chunk, chunks);
            HELPER.work(job);
            HELPER.await(job);
        } finally {
            IN_USE.unlock();
        }
    }

    private static final ThreadLocal<Boolean> SERIAL = ThreadLocal.withInitial(() -> false);

    /** Runs {@code work} with every split loop on this thread alone (the tests compare both ways bit for bit). */
    static void serially(Runnable work) {
        SERIAL.set(true);
        try {
            work.run();
        } finally {
            SERIAL.set(false);
        }
    }

    /** How many pieces a split loop is cut into, for the two threads to claim one after the other. */
    static final int CHUNKS = 8;

    /** One split loop: what to run, cut into chunks, and its generation (which tags its claims). */
    private record Job(Range range, int n, int chunk, int chunks, long generation) {
    }

    /**
     * The second thread. One loop at a time, published as one {@link Job}: its chunks are claimed through
     * {@link #ticket}, whose upper half is the loop's generation and whose lower half the next chunk, so that a thread
     * still finishing an earlier loop can never claim a chunk of the next one. Between loops the helper spins a
     * moment, then parks.
     */
    private static final class Helper implements Runnable {
        private final Thread thread;
        private final AtomicLong ticket = new AtomicLong();
        private final AtomicInteger finished = new AtomicInteger();
        private long generation;                    // written by the caller only
        private volatile Job job;
        private volatile boolean parked;
        private volatile Throwable failure;

        Helper() {
            thread = new Thread(this, "nnfs-parallel");
            thread.setDaemon(true);
            thread.start();
        }

        Job start(Range range, int size, int chunkSize, int chunkCount) {
            Job next = new Job(range, size, chunkSize, chunkCount, ++generation);
            failure = null;
            finished.set(0);
            ticket.set(next.generation() << 32);
            job = next;                              // published last
            if (parked) {
                LockSupport.unpark(thread);
            }
            return next;
        }

        /** Claims and runs chunks of {@code job} until none is left (or a later loop has begun). */
        void work(Job loop) {
            while (true) {
                long claim = ticket.get();
                int c = (int) claim;
                if (claim >>> 32 != loop.generation() || c >= loop.chunks()) {
                    return;
                }
                if (!ticket.compareAndSet(claim, claim + 1)) {
                    continue;
                }
                try {
                    int from = c * loop.chunk();
                    loop.range().run(from, Math.min(loop.n(), from + loop.chunk()));
                } catch (Throwable e) {
                    failure = e;
                }
                finished.incrementAndGet();
            }
        }

        /** Waits until every chunk of {@code loop} has run (the helper may be finishing its last), then rethrows. */
        void await(Job loop) {
            while (finished.get() < loop.chunks()) {
                Thread.onSpinWait();
            }
            Throwable f = failure;
            if (f instanceof RuntimeException e) {
                throw e;
            }
            if (f instanceof Error e) {
                throw e;
            }
        }

        @Override
        public void run() {
            long done = 0;
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (true) {
                Job loop = job;
                if (loop != null && loop.generation() != done) {
                    done = loop.generation();
                    work(loop);
                    spinUntil = System.nanoTime() + SPIN_NANOS;
                    continue;
                }
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                Job latest = job;
                if (latest == null || latest.generation() == done) {
                    LockSupport.park(this);
                }
                parked = false;
                spinUntil = System.nanoTime() + SPIN_NANOS;
            }
        }
    }
}
