package io.trendwatch.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Statement;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asynchronous writes with a bound on how many are in flight, so a Spark task
 * keeps the node busy without queueing more than it can take. Not thread-safe:
 * one instance per task. The first failure is kept and rethrown by {@link #await}
 * (and stops further sends), so the task fails and Spark retries it; the writes
 * are upserts, which makes the retry harmless.
 */
public final class BoundedWrites {

    private final CqlSession session;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private long sent;

    public BoundedWrites(CqlSession session, int maxInFlight) {
        this.session = session;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Sends one statement, waiting first while {@code maxInFlight} are outstanding. */
    public void send(Statement<?> statement) throws InterruptedException {
        rethrowIfFailed();
        inFlight.acquire();
        sent++;
        session.executeAsync(statement).whenComplete((rs, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            inFlight.release();
        });
    }

    public boolean failed() {
        return failure.get() != null;
    }

    /** Waits for every write sent so far; throws if any failed. Returns how many were sent. */
    public long await() throws InterruptedException {
        inFlight.acquire(maxInFlight);
        inFlight.release(maxInFlight);
        rethrowIfFailed();
        return sent;
    }

    private void rethrowIfFailed() {
        Throwable t = failure.get();
        if (t != null) {
            throw new IllegalStateException("writing to Cassandra failed: " + t.getMessage(), t);
        }
    }
}
