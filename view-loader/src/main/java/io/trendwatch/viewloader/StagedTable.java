package io.trendwatch.viewloader;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One table of a stage's manifest: where its rows go ({@code schema}, as the cluster describes the table), the
 * upsert that binds them ({@code insert}, write timestamp and TTL included), the CQL type of each bound value, and
 * the stage folder holding its rows.
 */
record StagedTable(String keyspace, String table, String schema, String insert, List<String> types, String rows) {

    static StagedTable of(JsonNode entry) {
        List<String> types = new ArrayList<>();
        entry.get("types").forEach(t -> types.add(t.asText()));
        return new StagedTable(entry.get("keyspace").asText(), entry.get("table").asText(), entry.get("schema").asText(),
                entry.get("insert").asText(), List.copyOf(types), entry.get("rows").asText());
    }

    String name() {
        return keyspace + "." + table;
    }
}
