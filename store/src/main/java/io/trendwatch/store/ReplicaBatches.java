package io.trendwatch.store;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.metadata.TokenMap;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups single-row upserts whose partitions live on the same replicas into
 * unlogged batches, and sends them through {@link BoundedWrites}. The speed
 * views write one row per partition (a term's minute), so a request per row
 * cost more in request handling, on both ends, than in the writes themselves; a
 * batch per replica set keeps each batch on the nodes that own its rows
 * (token-aware), so no coordinator forwards them. Like {@link BoundedWrites}, it takes idempotent upserts only.
 * Not thread-safe: one per task.
 */
public final class ReplicaBatches {

    private final BoundedWrites writes;
    private final int maxPerBatch;
    private final Optional<TokenMap> tokens;
    private final CqlIdentifier keyspace;
    private final Map<Object, List<BoundStatement>> groups = new HashMap<>();
    private long rows;
    private long requests;

    public ReplicaBatches(CqlSession session, String keyspace, BoundedWrites writes, int maxPerBatch) {
        if (maxPerBatch < 1) {
            throw new IllegalArgumentException("maxPerBatch must be at least 1, was " + maxPerBatch);
        }
        this.writes = writes;
        this.maxPerBatch = maxPerBatch;
        this.tokens = session.getMetadata().getTokenMap();
        this.keyspace = CqlIdentifier.fromCql(keyspace);
    }

    public void add(BoundStatement statement) throws InterruptedException {
        rows++;
        List<BoundStatement> group = groups.computeIfAbsent(replicas(statement), k -> new ArrayList<>(maxPerBatch));
        group.add(statement);
        if (group.size() >= maxPerBatch) {
            send(group);
            group.clear();
        }
    }

    /** Sends what is still grouped and waits for every write; returns the rows written. */
    public long finish() throws InterruptedException {
        for (List<BoundStatement> group : groups.values()) {
            if (!group.isEmpty()) {
                send(group);
            }
        }
        groups.clear();
        requests = writes.await();
        return rows;
    }

    /** Requests sent (batches and single statements), once {@link #finish} returned. */
    public long requests() {
        return requests;
    }

    public boolean failed() {
        return writes.failed();
    }

    private Object replicas(BoundStatement statement) {
        ByteBuffer key = statement.getRoutingKey();
        if (key == null || tokens.isEmpty()) {
            return Set.of();
        }
        return tokens.get().getReplicas(keyspace, key);
    }

    private void send(List<BoundStatement> group) throws InterruptedException {
        if (group.size() == 1) {
            writes.send(group.get(0));
        } else {
            // idempotent, as everything sent through BoundedWrites is: the driver may then send it again to another
            // node when its connection drops, instead of failing the task
            writes.send(BatchStatement.newInstance(BatchType.UNLOGGED).addAll(List.copyOf(group))
                    .setIdempotent(true)
                    .setExecutionProfileName(CassandraConnector.GROUPED_WRITES_PROFILE));
        }
    }
}
