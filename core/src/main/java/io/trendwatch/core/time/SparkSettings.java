package io.trendwatch.core.time;

import java.util.Map;

/**
 * The Spark settings every session of both layers starts from (the services, their jobs, tests and benchmarks), so
 * that both bucket alike: Spark turns timestamps into dates and truncates them in the session's time zone, and the
 * views' buckets are UTC ({@link Granularity}) whatever the zone of the machine a driver or executor runs on.
 */
public final class SparkSettings {

    private SparkSettings() {
    }

    public static Map<String, String> shared() {
        return Map.of(
                "spark.sql.session.timeZone", "UTC",
                // the services report through their own metrics and logs; the web UI would take a port per JVM
                "spark.ui.enabled", "false");
    }
}
