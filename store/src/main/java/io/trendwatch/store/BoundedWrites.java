package io.trendwatch.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asynchronous writes with a bound on how many are in flight, so a Spark task
 * keeps the node busy without queueing more than it can take. Every statement
 * sent through it must be idempotent (the views are upserts of full counts):
 * a write that times out or finds the node overloaded is sent again, after a
 * growing pause, up to {@value #MAX_ATTEMPTS} times. Any other failure, or the
 * last attempt's, is kept and rethrown by {@link #await} (and stops further
 * sends), so the task fails and Spark may retry it. Not thread-safe: one
 * instance per task.
 */
public final class BoundedWrites {

    static final int MAX_ATTEMPTS = 6;
    private static final long FIRST_PAUSE_MS = 200;

    private record Pending(Statement<?> statement, int attempt) {
    }

    private final CqlSession session;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final ConcurrentLinkedQueue<Pending> retries = new ConcurrentLinkedQueue<>();
    private long sent;

    public BoundedWrites(CqlSession session, int maxInFlight) {
        this.session = session;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Sends one statement, waiting first while {@code maxInFlight} are outstanding. */
    public void send(Statement<?> statement) throws InterruptedException {
        resendDue();
        rethrowIfFailed();
        sent++;
        submit(new Pending(statement, 1));
    }

    public boolean failed() {
        return failure.get() != null;
    }

    /** Waits for every write sent so far, retries included; throws if any failed. Returns how many were sent. */
    public long await() throws InterruptedException {
        while (true) {
            inFlight.acquire(maxInFlight);
            inFlight.release(maxInFlight);
            if (retries.isEmpty() || failed()) {
                break;
            }
            resendDue();
        }
        rethrowIfFailed();
        return sent;
    }

    private void submit(Pending p) throws InterruptedException {
        inFlight.acquire();
        session.executeAsync(p.statement()).whenComplete((rs, error) -> {
            if (error != null) {
                if (retryable(error) && p.attempt() < MAX_ATTEMPTS) {
                    retries.add(new Pending(p.statement(), p.attempt() + 1));
                } else {
                    failure.compareAndSet(null, error);
                }
            }
            inFlight.release();
        });
    }

    /** Sends the writes that failed with a timeout again, after a pause that doubles with each attempt. */
    private void resendDue() throws InterruptedException {
        Pending p = retries.poll();
        if (p == null) {
            return;
        }
        Thread.sleep(FIRST_PAUSE_MS << Math.min(p.attempt() - 2, 5)); // the node is behind: let it catch up
        do {
            submit(p);
        } while ((p = retries.poll()) != null);
    }

    private static boolean retryable(Throwable error) {
        return error instanceof WriteTimeoutException || error instanceof OverloadedException
                || error instanceof DriverTimeoutException;
    }

    private void rethrowIfFailed() {
        Throwable t = failure.get();
        if (t != null) {
            throw new IllegalStateException("writing to Cassandra failed: " + t.getMessage(), t);
        }
    }
}
