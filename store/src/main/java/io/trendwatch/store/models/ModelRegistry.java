package io.trendwatch.store.models;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import io.trendwatch.store.SchemaMissingException;
import io.trendwatch.store.views.Tables;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model registry in Cassandra: every trained model (version, training
 * range, parameters, metrics, artifact folder) and every promotion, newest
 * first. The model in use is the newest promotion. A candidate is promoted
 * only if its metric is not worse than the one in use, unless forced.
 */
public final class ModelRegistry {

    private final CqlSession session;
    private final PreparedStatement insertModel;
    private final PreparedStatement selectModels;
    private final PreparedStatement selectModel;
    private final PreparedStatement setStatus;
    private final PreparedStatement insertPromotion;
    private final PreparedStatement selectPromotion;

    /** Prepares the registry's statements; a keyspace without its tables fails here, saying to migrate. */
    public ModelRegistry(CqlSession session, String keyspace) {
        this.session = session;
        try {
            insertModel = session.prepare(Tables.MODELS.insert(keyspace,
                    "name, version, created_at, train_from, train_to, params, metrics, artifact, status"));
            selectModels = session.prepare(Tables.MODELS.select(keyspace, "*", "name = ?"));
            selectModel = session.prepare(Tables.MODELS.select(keyspace, "*", "name = ? AND version = ?"));
            setStatus = session.prepare(Tables.MODELS.update(keyspace, "status = ?", "name = ? AND version = ?"));
            insertPromotion = session.prepare(Tables.MODEL_PROMOTIONS.insert(keyspace,
                    "name, promoted_at, version, metric_name, metric, forced"));
            selectPromotion = session.prepare(Tables.MODEL_PROMOTIONS.select(keyspace, "*", "name = ? LIMIT 1"));
        } catch (InvalidQueryException e) {
            throw new SchemaMissingException(keyspace, "model registry", e);
        }
    }

    public void register(ModelRecord r) {
        session.execute(insertModel.bind(r.name(), r.version(), r.createdAt(), r.trainFrom(), r.trainTo(),
                r.params(), r.metrics(), r.artifact(), r.status()));
    }

    /** All versions of a model, oldest first. */
    public List<ModelRecord> list(String name) {
        List<ModelRecord> out = new ArrayList<>();
        for (Row row : session.execute(selectModels.bind(name))) {
            out.add(record(row));
        }
        return out;
    }

    public Optional<ModelRecord> find(String name, String version) {
        return Optional.ofNullable(session.execute(selectModel.bind(name, version)).one()).map(ModelRegistry::record);
    }

    /** The version in use, if any was ever promoted. */
    public Optional<Promotion> inUse(String name) {
        Row row = session.execute(selectPromotion.bind(name)).one();
        return Optional.ofNullable(row).map(r -> new Promotion(r.getString("name"), r.getString("version"),
                r.getInstant("promoted_at"), r.getString("metric_name"), r.getDouble("metric"), r.getBoolean("forced")));
    }

    /** {@link #promote(String, String, List, boolean)} on one metric. */
    public Promotion promote(String name, String version, String metricName, boolean force) {
        return promote(name, version, List.of(metricName), force);
    }

    /**
     * Puts {@code version} in use if it is not worse than the model in use on
     * the first of {@code metrics} that both have (higher is better), or when
     * {@code force} is set. Naming a better figure first lets a new gate take
     * over from an old one: a model in use that lacks it (trained before the
     * gate changed) is compared on the next figure instead, but a candidate
     * that lacks a figure the model in use has is not judged on a weaker one.
     *
     * @throws PromotionRefusedException when the candidate is worse and not forced
     * @throws IllegalArgumentException  when the version is unknown, has none of the metrics, or has none in common
     *                                   with the model in use (unless forced)
     */
    public Promotion promote(String name, String version, List<String> metrics, boolean force) {
        ModelRecord candidate = find(name, version).orElseThrow(() ->
                new IllegalArgumentException("no " + name + " model version " + version + " in the registry"));
        String own = metrics.stream().filter(candidate.metrics()::containsKey).findFirst().orElseThrow(() ->
                new IllegalArgumentException(name + " " + version + " has no metric " + String.join(" or ", metrics)));
        Optional<Promotion> current = inUse(name);
        if (current.isPresent() && current.get().version().equals(version)) {
            return current.get();
        }
        if (current.isPresent() && !force) {
            Map<String, Double> inUse = find(name, current.get().version()).map(ModelRecord::metrics)
                    .orElse(Map.of(current.get().metricName(), current.get().metric()));
            String compared = null;
            for (String m : metrics) {
                if (candidate.metrics().containsKey(m) && inUse.containsKey(m)) {
                    compared = m;
                    break;
                }
                if (inUse.containsKey(m)) {
                    throw new IllegalArgumentException(String.format("%s %s has no %s, the figure %s in use is "
                            + "judged on (--force promotes it anyway)", name, version, m, current.get().version()));
                }
            }
            if (compared == null) {
                throw new IllegalArgumentException(String.format("%s %s cannot be compared with %s in use: no figure "
                        + "of %s is recorded for both (--force promotes it anyway)", name, version,
                        current.get().version(), String.join(", ", metrics)));
            }
            double metric = candidate.metrics().get(compared);
            if (metric < inUse.get(compared)) {
                session.execute(setStatus.bind("refused", name, version));
                throw new PromotionRefusedException(String.format(
                        "%s %s not promoted: %s %.4f is worse than %.4f of %s in use (--force overrides)",
                        name, version, compared, metric, inUse.get(compared), current.get().version()));
            }
        }
        double metric = candidate.metrics().get(own);
        Instant now = Instant.now();
        session.execute(insertPromotion.bind(name, now, version, own, metric, force));
        session.execute(setStatus.bind("promoted", name, version));
        current.ifPresent(c -> session.execute(setStatus.bind("retired", name, c.version())));
        return new Promotion(name, version, now, own, metric, force);
    }

    private static ModelRecord record(Row r) {
        return new ModelRecord(r.getString("name"), r.getString("version"), r.getInstant("created_at"),
                r.getInstant("train_from"), r.getInstant("train_to"), r.getMap("params", String.class, String.class),
                r.getMap("metrics", String.class, Double.class), r.getString("artifact"), r.getString("status"));
    }
}
