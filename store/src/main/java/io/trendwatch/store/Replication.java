package io.trendwatch.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The keyspace's replication: {@code SimpleStrategy:1} for a single local node,
 * {@code NetworkTopologyStrategy:dc1=3,dc2=3} in production.
 */
public record Replication(String strategy, Map<String, Integer> factors) implements java.io.Serializable {

    public static final Replication LOCAL = new Replication("SimpleStrategy", Map.of("replication_factor", 1));

    public Replication {
        factors = Map.copyOf(factors);
    }

    public static Replication parse(String spec) {
        String s = spec == null ? "" : spec.strip();
        int colon = s.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("replication '" + spec
                    + "' must look like SimpleStrategy:1 or NetworkTopologyStrategy:dc1=3,dc2=3");
        }
        String strategy = s.substring(0, colon);
        String rest = s.substring(colon + 1);
        Map<String, Integer> factors = new LinkedHashMap<>();
        try {
            if (strategy.equals("SimpleStrategy")) {
                factors.put("replication_factor", Integer.parseInt(rest.strip()));
            } else if (strategy.equals("NetworkTopologyStrategy")) {
                for (String part : rest.split(",")) {
                    String[] kv = part.split("=");
                    if (kv.length != 2 || kv[0].isBlank()) {
                        throw new IllegalArgumentException("expected dc=factor, got '" + part + "'");
                    }
                    factors.put(kv[0].strip(), Integer.parseInt(kv[1].strip()));
                }
            } else {
                throw new IllegalArgumentException("unknown strategy '" + strategy
                        + "', expected SimpleStrategy or NetworkTopologyStrategy");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("replication factor in '" + spec + "' is not a number");
        }
        if (factors.isEmpty() || factors.values().stream().anyMatch(f -> f < 1)) {
            throw new IllegalArgumentException("replication factors in '" + spec + "' must be at least 1");
        }
        return new Replication(strategy, factors);
    }

    /** The CQL map literal, e.g. {@code {'class': 'SimpleStrategy', 'replication_factor': 1}}. */
    public String toCql() {
        return factors.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> "'" + e.getKey().replace("'", "''") + "': " + e.getValue())
                .collect(Collectors.joining(", ", "{'class': '" + strategy + "', ", "}"));
    }
}
