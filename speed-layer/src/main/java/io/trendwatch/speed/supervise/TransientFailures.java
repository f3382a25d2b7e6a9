package io.trendwatch.speed.supervise;

import java.util.List;
import java.util.Locale;

/**
 * Whether a failed query may succeed when started again from its checkpoint: a failure caused by
 * Cassandra or Kafka being away (the driver's and Kafka's exceptions, connection refusals, timeouts).
 * Spark often passes an executor's failure on as text only, so the whole chain's messages are read too.
 */
public final class TransientFailures {

    private static final List<String> MARKS = List.of(
            "com.datastax.oss.driver", "allnodesfailedexception", "nonodeavailableexception", "drivertimeoutexception",
            "cassandraunavailableexception", "org.apache.kafka.common.errors", "timeoutexception", "connectexception",
            "connection refused", "disconnectexception", "unknowntopicorpartitionexception");

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = (t.getClass().getName() + " " + t.getMessage()).toLowerCase(Locale.ROOT);
            if (MARKS.stream().anyMatch(text::contains)) {
                return true;
            }
        }
        return false;
    }
}
