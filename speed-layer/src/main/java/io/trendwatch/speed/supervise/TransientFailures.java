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
        boolean lost = false;
        java.util.Set<String> ranges = new java.util.LinkedHashSet<>();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m == null) {
                continue;
            }
            lost |= m.contains("data may have been lost") || m.contains("data may have been missed");
            // Spark names the partition and the offsets on a line of its own
            m.lines().map(String::strip).filter(l -> l.contains("offset") && (l.contains("Partition") || l.contains("fetch")))
                    .forEach(ranges::add);
        }
        if (!lost) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(ranges.isEmpty() ? "Spark could not read offsets it had not read yet"
                : String.join(" ", ranges));
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
