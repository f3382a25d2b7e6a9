package io.trendwatch.store;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where Cassandra is and which keyspace the views live in. Every layer reads
 * the same settings; the defaults match {@code bin/trendwatch infra up}.
 *
 * @param security    the login and TLS settings (none by default)
 * @param consistency the consistency level of every read and write (view rows, rankings, baselines, the
 *                    boundary): LOCAL_QUORUM by default when the keyspace keeps more than one replica, so a
 *                    reader that sees a published boundary also sees the rows written before it; LOCAL_ONE on
 *                    a single replica
 */
public record CassandraSettings(
        List<InetSocketAddress> contactPoints,
        String localDatacenter,
        String keyspace,
        Replication replication,
        String consistency,
        CassandraSecurity security) implements java.io.Serializable {

    public static final String DEFAULT_CONTACT_POINTS = "127.0.0.1:9042";
    public static final String DEFAULT_DATACENTER = "datacenter1";
    public static final String DEFAULT_KEYSPACE = "trendwatch";
    private static final Pattern KEYSPACE = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    public CassandraSettings(List<InetSocketAddress> contactPoints, String localDatacenter, String keyspace,
                             Replication replication) {
        this(contactPoints, localDatacenter, keyspace, replication, null, CassandraSecurity.NONE);
    }

    public CassandraSettings(List<InetSocketAddress> contactPoints, String localDatacenter, String keyspace,
                             Replication replication, String consistency) {
        this(contactPoints, localDatacenter, keyspace, replication, consistency, CassandraSecurity.NONE);
    }

    public CassandraSettings {
        security = security == null ? CassandraSecurity.NONE : security;
        consistency = consistency == null || consistency.isBlank() ? defaultConsistency(replication)
                : consistency.strip().toUpperCase(java.util.Locale.ROOT);
        try {
            com.datastax.oss.driver.api.core.DefaultConsistencyLevel.valueOf(consistency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("consistency level '" + consistency + "' is none of LOCAL_ONE, "
                    + "LOCAL_QUORUM, QUORUM, ONE, TWO, THREE, EACH_QUORUM, ALL");
        }
        contactPoints = List.copyOf(contactPoints);
        if (contactPoints.isEmpty()) {
            throw new IllegalArgumentException("at least one Cassandra contact point is needed");
        }
        if (!KEYSPACE.matcher(keyspace).matches()) {
            throw new IllegalArgumentException("keyspace '" + keyspace
                    + "' must be lower case letters, digits and _ (at most 48), starting with a letter");
        }
    }

    /**
     * Reads {@code TRENDWATCH_CASSANDRA} (host:port,...), {@code TRENDWATCH_CASSANDRA_DC},
     * {@code TRENDWATCH_KEYSPACE}, {@code TRENDWATCH_REPLICATION}, {@code TRENDWATCH_CONSISTENCY} and the
     * login and TLS variables of {@link CassandraSecurity} from the given environment.
     */
    public static CassandraSettings fromEnvironment(Map<String, String> env) {
        return new CassandraSettings(
                parseContactPoints(env.getOrDefault("TRENDWATCH_CASSANDRA", DEFAULT_CONTACT_POINTS)),
                env.getOrDefault("TRENDWATCH_CASSANDRA_DC", DEFAULT_DATACENTER),
                env.getOrDefault("TRENDWATCH_KEYSPACE", DEFAULT_KEYSPACE),
                env.containsKey("TRENDWATCH_REPLICATION")
                        ? Replication.parse(env.get("TRENDWATCH_REPLICATION")) : Replication.LOCAL,
                env.get("TRENDWATCH_CONSISTENCY"),
                CassandraSecurity.fromEnvironment(env));
    }

    public static CassandraSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public CassandraSettings withKeyspace(String otherKeyspace) {
        return new CassandraSettings(contactPoints, localDatacenter, otherKeyspace, replication, consistency, security);
    }

    /** LOCAL_QUORUM where a datacenter keeps more than one replica, LOCAL_ONE where it keeps one. */
    public static String defaultConsistency(Replication replication) {
        boolean replicated = replication.factors().values().stream().anyMatch(n -> n > 1);
        return replicated ? "LOCAL_QUORUM" : "LOCAL_ONE";
    }

    public static List<InetSocketAddress> parseContactPoints(String spec) {
        List<InetSocketAddress> points = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.lastIndexOf(':');
            try {
                points.add(colon < 0
                        ? InetSocketAddress.createUnresolved(p, 9042)
                        : InetSocketAddress.createUnresolved(p.substring(0, colon), Integer.parseInt(p.substring(colon + 1))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot read Cassandra contact point '" + p + "', expected host:port");
            }
        }
        return points;
    }

    public String describeContactPoints() {
        return contactPoints.stream().map(a -> a.getHostString() + ":" + a.getPort())
                .reduce((a, b) -> a + "," + b).orElse("");
    }
}
