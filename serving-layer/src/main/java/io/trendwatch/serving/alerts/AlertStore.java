package io.trendwatch.serving.alerts;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendwatch.serving.db.CassandraSessions;
import io.trendwatch.store.views.Tables;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Watchlists, their alert episodes and their webhook messages in Cassandra ({@link Tables#WATCHLISTS},
 * {@link Tables#ALERT_OPEN}, {@link Tables#ALERT_HISTORY}, {@link Tables#ALERT_DELIVERIES}). Opening and resolving
 * an episode and claiming a delivery attempt are lightweight transactions: of several serving replicas doing the
 * same, one wins and the others learn it, so an episode raises one alert and one resolved message.
 */
public final class AlertStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An open episode: since the end of the minute {@code started}, with the figure seen then. */
    public record OpenEpisode(String term, String ruleKey, Instant started, double value) {
    }

    /** One episode of the history; {@code resolved} is null while it is open. */
    public record Episode(String term, String rule, Instant started, double value, Instant resolved, Double resolvedValue) {
    }

    /** One webhook message and how its delivery went. */
    public record Delivery(String watchlist, UUID id, String url, String event, String body, int attempts,
                           Instant nextAttempt, Instant deliveredAt, String lastError) {
    }

    private final CassandraSessions sessions;
    private final ConcurrentMap<String, PreparedStatement> prepared = new ConcurrentHashMap<>();

    public AlertStore(CassandraSessions sessions) {
        this.sessions = sessions;
    }

    private String ks() {
        return sessions.settings().keyspace();
    }

    private PreparedStatement prepare(String cql) {
        return prepared.computeIfAbsent(cql, c -> sessions.session().prepare(c));
    }

    private CqlSession session() {
        return sessions.session();
    }

    // ---- watchlists

    public List<Watchlist> watchlists() {
        List<Watchlist> out = new ArrayList<>();
        for (Row r : session().execute(prepare(Tables.WATCHLISTS.select(ks(), "name, terms, rules, webhooks, updated_at", ""))
                .bind())) {
            out.add(watchlist(r));
        }
        out.sort(java.util.Comparator.comparing(Watchlist::name));
        return out;
    }

    public Optional<Watchlist> watchlist(String name) {
        Row r = session().execute(prepare(Tables.WATCHLISTS.select(ks(), "name, terms, rules, webhooks, updated_at",
                "name = ?")).bind(name)).one();
        return Optional.ofNullable(r).map(AlertStore::watchlist);
    }

    public void put(Watchlist w) {
        session().execute(prepare(Tables.WATCHLISTS.insert(ks(), "name, terms, rules, webhooks, updated_at"))
                .bind(w.name(), w.terms(), write(w.rules()), write(w.webhooks()), w.updatedAt()));
    }

    /** Removes the list, its episodes' state and its undelivered messages; its history stays. */
    public boolean delete(String name) {
        if (watchlist(name).isEmpty()) {
            return false;
        }
        session().execute(prepare(Tables.WATCHLISTS.delete(ks(), "name = ?")).bind(name));
        session().execute(prepare(Tables.ALERT_OPEN.delete(ks(), "watchlist = ?")).bind(name));
        session().execute(prepare(Tables.ALERT_DELIVERIES.delete(ks(), "watchlist = ?")).bind(name));
        return true;
    }

    private static Watchlist watchlist(Row r) {
        try {
            return new Watchlist(r.getString("name"), r.getList("terms", String.class),
                    JSON.readValue(r.getString("rules"), new TypeReference<List<AlertRule>>() { }),
                    JSON.readValue(r.getString("webhooks"), new TypeReference<List<Webhook>>() { }),
                    r.getInstant("updated_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("watchlist " + r.getString("name") + " holds unreadable rules or webhooks: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- progress

    /** The end of the last minute any evaluator evaluated, if one ever did. */
    public Optional<Instant> evaluatedTo() {
        Row r = session().execute(prepare(Tables.ALERT_PROGRESS.select(ks(), "evaluated_to", "scope = ?"))
                .bind(Tables.ALERT_SCOPE)).one();
        return Optional.ofNullable(r).map(x -> x.getInstant("evaluated_to"));
    }

    /**
     * Takes the minute ending at {@code end} for this evaluator, if the last one taken is still {@code previous}: true
     * when this call took it (and must evaluate it), false when another evaluator moved on first.
     */
    public boolean take(Optional<Instant> previous, Instant end) {
        return previous.isEmpty()
                ? session().execute(prepare(Tables.ALERT_PROGRESS.insert(ks(), "scope, evaluated_to", "IF NOT EXISTS"))
                        .bind(Tables.ALERT_SCOPE, end)).wasApplied()
                : session().execute(prepare(Tables.ALERT_PROGRESS.update(ks(), "evaluated_to = ?",
                        "scope = ? IF evaluated_to = ?")).bind(end, Tables.ALERT_SCOPE, previous.get())).wasApplied();
    }

    // ---- episodes

    /** The episodes of a watchlist that are open now. */
    public List<OpenEpisode> open(String watchlist) {
        List<OpenEpisode> out = new ArrayList<>();
        for (Row r : session().execute(prepare(Tables.ALERT_OPEN.select(ks(), "term, rule_key, started, value, resolved",
                "watchlist = ?")).bind(watchlist))) {
            if (r.isNull("resolved")) {
                out.add(new OpenEpisode(r.getString("term"), r.getString("rule_key"), r.getInstant("started"),
                        r.getDouble("value")));
            }
        }
        return out;
    }

    /**
     * Opens an episode at the end of the minute {@code e.started()}, unless one is open for the term and rule or the
     * last one was resolved at or after that minute (an evaluation late by a minute or more); true when this call
     * opened it.
     */
    public boolean open(String watchlist, OpenEpisode e) {
        boolean applied = session().execute(prepare(Tables.ALERT_OPEN.insert(ks(),
                "watchlist, term, rule_key, started, value", "IF NOT EXISTS"))
                .bind(watchlist, e.term(), e.ruleKey(), e.started(), e.value())).wasApplied()
                || session().execute(prepare(Tables.ALERT_OPEN.update(ks(), "started = ?, value = ?, resolved = NULL",
                        "watchlist = ? AND term = ? AND rule_key = ? IF resolved < ?"))
                        .bind(e.started(), e.value(), watchlist, e.term(), e.ruleKey(), e.started())).wasApplied();
        if (applied) {
            session().execute(prepare(Tables.ALERT_HISTORY.insert(ks(), "watchlist, started, term, rule_key, value"))
                    .bind(watchlist, e.started(), e.term(), e.ruleKey(), e.value()));
        }
        return applied;
    }

    /** Resolves the episode {@code e} at the end of the minute {@code at}; true when this call resolved it. */
    public boolean resolve(String watchlist, OpenEpisode e, Instant at, double value) {
        boolean applied = session().execute(prepare(Tables.ALERT_OPEN.update(ks(), "resolved = ?",
                "watchlist = ? AND term = ? AND rule_key = ? IF started = ? AND resolved = NULL"))
                .bind(at, watchlist, e.term(), e.ruleKey(), e.started())).wasApplied();
        if (applied) {
            session().execute(prepare(Tables.ALERT_HISTORY.update(ks(), "resolved = ?, resolved_value = ?",
                    "watchlist = ? AND started = ? AND term = ? AND rule_key = ?"))
                    .bind(at, value, watchlist, e.started(), e.term(), e.ruleKey()));
        }
        return applied;
    }

    public List<Episode> history(String watchlist, int limit) {
        List<Episode> out = new ArrayList<>();
        for (Row r : session().execute(prepare(Tables.ALERT_HISTORY.select(ks(),
                "term, rule_key, started, value, resolved, resolved_value", "watchlist = ? LIMIT ?")).bind(watchlist, limit))) {
            out.add(new Episode(r.getString("term"), r.getString("rule_key"), r.getInstant("started"), r.getDouble("value"),
                    r.getInstant("resolved"), r.isNull("resolved_value") ? null : r.getDouble("resolved_value")));
        }
        return out;
    }

    // ---- deliveries

    /**
     * Queues one message for one webhook, due now. Every write of a delivery is a lightweight transaction (they are
     * not mixed with plain writes on a row); the table expires rows after 30 days (its default TTL).
     */
    public void enqueue(String watchlist, String url, String event, String body, Instant now) {
        session().execute(prepare(Tables.ALERT_DELIVERIES.insert(ks(),
                "watchlist, id, url, event, body, attempts, next_attempt", "IF NOT EXISTS"))
                .bind(watchlist, Uuids.timeBased(), url, event, body, 0, now));
    }

    /** The messages of a watchlist, oldest first (delivered ones included). */
    public List<Delivery> deliveries(String watchlist) {
        List<Delivery> out = new ArrayList<>();
        for (Row r : session().execute(prepare(Tables.ALERT_DELIVERIES.select(ks(),
                "watchlist, id, url, event, body, attempts, next_attempt, delivered_at, last_error", "watchlist = ?"))
                .bind(watchlist))) {
            out.add(new Delivery(r.getString("watchlist"), r.getUuid("id"), r.getString("url"), r.getString("event"),
                    r.getString("body"), r.getInt("attempts"), r.getInstant("next_attempt"), r.getInstant("delivered_at"),
                    r.getString("last_error")));
        }
        return out;
    }

    /**
     * Takes the next attempt at {@code d}: counts it and sets when the one after it is due, if no one took it since
     * {@code d} was read. True when this call took it (and must send).
     */
    public boolean claim(Delivery d, Instant nextAttempt) {
        return session().execute(prepare(Tables.ALERT_DELIVERIES.update(ks(), "attempts = ?, next_attempt = ?",
                "watchlist = ? AND id = ? IF attempts = ?"))
                .bind(d.attempts() + 1, nextAttempt, d.watchlist(), d.id(), d.attempts())).wasApplied();
    }

    public void delivered(Delivery d, Instant at) {
        session().execute(prepare(Tables.ALERT_DELIVERIES.update(ks(), "delivered_at = ?, last_error = NULL",
                "watchlist = ? AND id = ? IF EXISTS")).bind(at, d.watchlist(), d.id()));
    }

    public void failed(Delivery d, String error) {
        session().execute(prepare(Tables.ALERT_DELIVERIES.update(ks(), "last_error = ?",
                "watchlist = ? AND id = ? IF EXISTS")).bind(error, d.watchlist(), d.id()));
    }
}
