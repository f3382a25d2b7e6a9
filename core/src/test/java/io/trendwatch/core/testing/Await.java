package io.trendwatch.core.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting in an integration test for what a process it started does: the condition is asked every half second, and
 * the wait fails, with the end of the process's log, as soon as the process exits or the limit passes.
 */
public final class Await {

    /** What is waited for; it may read Cassandra or the API, and so throw. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** The text a failure shows: the process's log. */
    @FunctionalInterface
    public interface Log {
        String text() throws Exception;
    }

    private Await() {
    }

    /** Waits until {@code condition} holds; {@code process} names the process in the failure. */
    public static void until(Duration limit, Condition condition, String process, BooleanSupplier alive, Log log)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.holds()) {
            if (!alive.getAsBoolean()) {
                throw new AssertionError(process + " exited:\n" + log.text());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + limit + "; " + process + "'s log:\n" + log.text());
            }
            Thread.sleep(500);
        }
    }
}
