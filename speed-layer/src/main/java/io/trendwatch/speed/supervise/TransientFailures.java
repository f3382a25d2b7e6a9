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

    /**
     * Spark's message when offsets the checkpoint had not read were deleted (failOnDataLoss): it
     * names the partition and the offsets; empty for any other failure.
     */
    public static java.util.Optional<String> dataLoss(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("data may have been lost") || m.contains("data may have been missed"))) {
                return java.util.Optional.of(m.lines().filter(l -> !l.isBlank()).limit(4).reduce((a, b) -> a + " " + b.strip())
                        .orElse(m));
            }
        }
        return java.util.Optional.empty();
    }

    public static boolean isTransient(Throwable failure) {
        if (dataLoss(failure).isPresent()) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = (t.getClass().getName() + " " + t.getMessage()).toLowerCase(Locale.ROOT);
            if (MARKS.stream().anyMatch(text::contains)) {
                return true;
            }
        }
        return false;
    }
}
