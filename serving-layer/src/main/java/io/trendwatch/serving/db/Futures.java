package io.trendwatch.serving.db;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for asynchronous reads. */
public final class Futures {

    private Futures() {
    }

    /** Joins, rethrowing the cause (e.g. the driver's exception, mapped to 503) rather than its wrapper. */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}
