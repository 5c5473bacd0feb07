package nnfs.reliability;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A deterministic campaign against a loader of untrusted files: every truncation of a valid file, then random
 * mutations of it. Each attempt must end in one of the allowed ways, within a time limit and an allocation budget:
 *
 * <ul>
 * <li><b>rejected</b>: the library's own checked exception, whose message names the file and says what was expected;
 * <li><b>identical</b>: what was loaded equals what the valid file holds;
 * <li><b>valid, different</b>: only for attempts marked as legal edits (a file re-sealed after the change, or a format
 * without a checksum changed in its values), a result that passes the caller's consistency check.
 * </ul>
 *
 * Anything else (another exception type, a message without "expected", a wrong result, a hang, too much memory) is
 * counted under "anything else" with a description, and the test fails.
 *
 * @param <T> what the loader returns
 */
public final class Campaign<T> implements AutoCloseable {

    /** A loader under test. */
    public interface Loader<T> {
        T load(byte[] bytes, String name) throws Exception;
    }

    /** A check of a result. */
    public interface Check<T> {
        boolean test(T loaded) throws Exception;
    }

    private static final long TIME_LIMIT_SECONDS = 20;

    private final String title;
    private final Class<? extends Exception> rejection;
    private final Loader<T> loader;
    private final Check<T> identical;
    private final Check<T> consistent;
    private final long allocationMultiple;
    private final long allocationConstant;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "campaign-loader");
        t.setDaemon(true);
        return t;
    });

    private long tried;
    private long rejected;
    private long loadedIdentically;
    private long loadedDifferent;
    private long other;
    private final List<String> failures = new ArrayList<>();
    private long worstAllocation;
    private int worstSize;

    /**
     * @param rejection the library's checked exception for a bad file
     * @param identical whether a loaded result equals the valid file's
     * @param consistent whether a result of a legal edit is sound (null: no edit may load as something different)
     * @param allocationMultiple, allocationConstant the budget of one load: multiple × file size + constant bytes
     */
    public Campaign(String title, Class<? extends Exception> rejection, Loader<T> loader, Check<T> identical,
            Check<T> consistent, long allocationMultiple, long allocationConstant) {
        this.title = title;
        this.rejection = rejection;
        this.loader = loader;
        this.identical = identical;
        this.consistent = consistent;
        this.allocationMultiple = allocationMultiple;
        this.allocationConstant = allocationConstant;
    }

    /** Tries one file; {@code legalEdit} allows a result different from the original that passes the check. */
    public void attempt(byte[] bytes, boolean legalEdit, String description) {
        tried++;
        String name = "f";
        Object[] done = run(bytes, name, description);
        if (done == null) {
            return;
        }
        long budget = allocationMultiple * bytes.length + allocationConstant;
        if ((Long) done[1] > budget) {
            // A first use of some code path loads and links classes on this thread; the second run measures the
            // load itself.
            done = run(bytes, name, description);
            if (done == null) {
                return;
            }
        }
        long allocated = (Long) done[1];
        if (allocated > worstAllocation) {
            worstAllocation = allocated;
            worstSize = bytes.length;
        }
        if (allocated > budget) {
            fail(description, "allocated " + allocated + " bytes for a file of " + bytes.length + " (budget " + budget
                    + ")");
            return;
        }
        Object result = done[0];
        if (result instanceof Throwable t) {
            if (!rejection.isInstance(t)) {
                fail(description, "threw " + t + (t.getStackTrace().length > 0 ? " at " + t.getStackTrace()[0] : ""));
            } else if (t.getMessage() == null || !t.getMessage().contains("expected")
                    || !t.getMessage().contains(name)) {
                fail(description, "a message that does not name the file and say what was expected: "
                        + t.getMessage());
            } else {
                rejected++;
            }
            return;
        }
        @SuppressWarnings("unchecked")
        T loaded = (T) result;
        try {
            if (identical.test(loaded)) {
                loadedIdentically++;
            } else if (legalEdit && consistent != null && consistent.test(loaded)) {
                loadedDifferent++;
            } else {
                fail(description, "loaded something different from the original" + (legalEdit ? " and unsound" : ""));
            }
        } catch (Exception e) {
            fail(description, "the result check threw " + e);
        }
    }

    /** One load on the worker thread: {result or throwable, bytes allocated}, or null after a failure. */
    private Object[] run(byte[] bytes, String name, String description) {
        Future<Object[]> future = worker.submit(() -> {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = mx.getCurrentThreadAllocatedBytes();
            Object result;
            try {
                result = loader.load(bytes, name);
            } catch (Throwable t) {
                result = t;
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            return new Object[] {result, allocated};
        });
        try {
            return future.get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail(description, "no answer after " + TIME_LIMIT_SECONDS + " s (a hang)");
            throw new IllegalStateException(title + ": the loader hangs on " + description);
        } catch (InterruptedException | ExecutionException e) {
            fail(description, "the campaign itself failed: " + e);
            return null;
        }
    }

    private void fail(String description, String what) {
        other++;
        if (failures.size() < 20) {
            failures.add(description + ": " + what);
        }
    }

    /**
     * Loads {@code valid} and a few broken files without counting them, so that class loading and the first
     * compilation are not charged to the first measured load.
     */
    public void warmUp(byte[] valid) {
        for (int i = 0; i < 200; i++) {
            byte[] bytes = i % 2 == 0 ? valid : java.util.Arrays.copyOf(valid, i % valid.length);
            try {
                worker.submit(() -> loader.load(bytes, "f")).get();
            } catch (Exception ignored) {
                // Only the warming matters.
            }
        }
    }

    /** Every truncation of {@code valid}: lengths 0 to length − 1. */
    public void truncations(byte[] valid) {
        for (int length = 0; length < valid.length; length++) {
            attempt(java.util.Arrays.copyOf(valid, length), false, "truncated to " + length + " bytes");
        }
    }

    /** {@code count} random byte-level mutations of {@code valid} (bit flips, byte changes, insertions, deletions). */
    public void byteMutations(byte[] valid, int count, long seed, java.util.function.UnaryOperator<byte[]> reseal) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            String[] description = new String[1];
            byte[] mutated = Mutations.mutate(valid, random, description);
            attempt(mutated, false, "mutation " + i + " (" + description[0] + ")");
            if (reseal != null) {
                byte[] sealed = reseal.apply(mutated);
                if (sealed != null) {
                    attempt(sealed, true, "re-sealed mutation " + i + " (" + description[0] + ")");
                }
            }
        }
    }

    public long tried() {
        return tried;
    }

    public long other() {
        return other;
    }

    public List<String> failures() {
        return failures;
    }

    /** The counts, one line, for the test output. */
    public String summary() {
        return String.format(Locale.ROOT, "%s: %d files tried, %d rejected with a clear error, %d loaded identically, "
                + "%d loaded as a valid different file (legal edits), %d anything else; most allocated by one load: "
                + "%d bytes for a file of %d bytes (budget of every load: %d × its size + %d KiB)", title, tried,
                rejected, loadedIdentically, loadedDifferent, other, worstAllocation, worstSize, allocationMultiple,
                allocationConstant / 1024);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
