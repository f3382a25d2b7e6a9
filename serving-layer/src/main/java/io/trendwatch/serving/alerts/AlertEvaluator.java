package io.trendwatch.serving.alerts;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.lifecycle.Managed;
import io.trendwatch.core.time.Granularity;
import io.trendwatch.core.trend.TrendWindow;
import io.trendwatch.serving.api.TrendItem;
import io.trendwatch.serving.db.SeriesReader;
import io.trendwatch.serving.db.ViewReader;
import io.trendwatch.serving.merge.Counts;
import io.trendwatch.serving.merge.MergedPoint;
import io.trendwatch.serving.merge.WindowTrends;
import io.trendwatch.store.views.SpeedStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Evaluates every watchlist's rules as the speed layer publishes, and delivers the webhook messages.
 *
 * <p>A minute is evaluated once the speed layer has counted posts {@code settle} past its end (its
 * {@code max_event_time}): each minute once, in order, by the one replica that takes it ({@link AlertStore#take}),
 * and after a restart from the last minute taken (at most {@value #MAX_CATCH_UP} minutes back); the counts
 * are the merged views' (the boundary rule), so an evaluation gives the same answer before and after a batch run,
 * read without a cache (a minute evaluated may have been written a moment before, in a backlog's micro-batch).
 * A rule that starts to hold opens an episode and queues one alert per webhook; the first minute it does not hold
 * resolves the episode and queues one resolved message. Episodes are opened and resolved by lightweight
 * transactions ({@link AlertStore}), so a restart or a second replica never raises an alert twice, and an
 * evaluation of a minute before the episode's resolution (a replica late by a minute) never opens it again; a minute
 * whose evaluation failed half-way is evaluated again by the process that took it.
 *
 * <p>Each webhook gets its messages in the order they were raised: only its oldest undelivered one is tried, and a
 * failed attempt is tried again after {@code retryBase} doubled per attempt, at most {@code retryMax}, until the
 * receiver accepts it. {@code alerts.sent} and {@code alerts.failed} count delivered messages and failed attempts.
 */
public final class AlertEvaluator implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);
    static final int MAX_CATCH_UP = 60;
    /** As many candidates as the API's largest /trends answer reads, so "flagged" means what the dashboard shows. */
    private static final int TRENDS_LIMIT = 100;

    /** How often it looks, how far past a minute's end the speed layer must be, and how deliveries back off. */
    public record Settings(Duration interval, Duration settle, Duration retryBase, Duration retryMax, Duration timeout) {
    }

    private final AlertStore store;
    private final ViewReader views;
    private final SeriesReader reader;
    private final WindowTrends trends;
    private final String speedQuery;
    private final Settings settings;
    private final WebhookSender sender;
    private final Clock clock;
    private final Counter sent;
    private final Counter failed;
    private final Counter raised;
    private ScheduledExecutorService scheduler;
    /** Whether the last round failed (only the scheduler's thread touches it and the next field). */
    private boolean failing;
    /** A minute this process took and did not finish evaluating. */
    private Instant unfinished;

    public AlertEvaluator(AlertStore store, ViewReader views, SeriesReader reader, WindowTrends trends, String speedQuery,
                          Settings settings, MetricRegistry metrics, Clock clock) {
        this.store = store;
        this.views = views;
        this.reader = reader;
        this.trends = trends;
        this.speedQuery = speedQuery;
        this.settings = settings;
        this.sender = new WebhookSender(settings.timeout());
        this.clock = clock;
        this.sent = metrics.counter("alerts.sent");
        this.failed = metrics.counter("alerts.failed");
        this.raised = metrics.counter("alerts.raised");
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alerts");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::tickLogged, settings.interval().toMillis(), settings.interval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private void tickLogged() {
        try {
            tick();
            if (failing) {
                failing = false;
                LOG.info("alerts: evaluating and delivering again");
            }
        } catch (RuntimeException e) {
            // Cassandra away, say: the next tick tries again from the last minute taken; said once per outage
            if (!failing) {
                failing = true;
                LOG.warn("alerts: evaluation or delivery failed, trying again every {}: {}", settings.interval(), e.toString());
            } else {
                LOG.debug("alerts: still failing: {}", e.toString());
            }
        }
    }

    /**
     * One round: evaluates, in order, the minutes the speed layer has completed since the last one taken (by any
     * replica, recorded in Cassandra), then delivers. The first evaluation ever starts at the latest completed
     * minute; after a pause of more than {@value #MAX_CATCH_UP} minutes the older ones are skipped, with a warning.
     */
    void tick() {
        List<Watchlist> lists = store.watchlists();   // read once a round, for the evaluation and the deliveries
        Optional<Instant> upTo = views.speedStatus(speedQuery).map(SpeedStatus::maxEventTime)
                .map(t -> Granularity.MINUTE.bucketStart(t.minus(settings.settle())));
        if (upTo.isPresent()) {
            Instant end = upTo.get();
            Optional<Instant> done = store.evaluatedTo();
            Instant first = done.map(d -> d.plus(Duration.ofMinutes(1))).orElse(end);
            Instant earliest = end.minus(Duration.ofMinutes(MAX_CATCH_UP - 1));
            if (first.isBefore(earliest)) {
                LOG.warn("alerts: minutes {} to {} were never evaluated (evaluation paused longer than {} minutes); "
                        + "going on from {}", first, earliest, MAX_CATCH_UP, earliest);
                first = earliest;
            }
            if (unfinished != null) {
                // taken by this process and interrupted (Cassandra failed): evaluated again, which changes nothing
                // that was done (an episode opens or resolves once)
                for (Watchlist w : lists) {
                    evaluate(w, unfinished);
                }
                unfinished = null;
            }
            Optional<Instant> previous = done;
            for (Instant m = first; !m.isAfter(end); m = m.plus(Duration.ofMinutes(1))) {
                if (!store.take(previous, m)) {
                    break;   // another replica took it: it evaluates the minutes from there
                }
                unfinished = m;
                for (Watchlist w : lists) {
                    evaluate(w, m);
                }
                unfinished = null;
                previous = Optional.of(m);
            }
        }
        deliverDue(lists);
    }

    /** The rules of {@code w} at the end of the minute ending at {@code end}. */
    void evaluate(Watchlist w, Instant end) {
        Map<String, AlertStore.OpenEpisode> open = new HashMap<>();
        store.open(w.name()).forEach(e -> open.put(e.term() + "\u0000" + e.ruleKey(), e));
        int span = w.rules().stream().mapToInt(AlertRule::minutes).max().orElse(1);
        boolean wantsTrending = w.rules().stream().anyMatch(r -> r.kind() == AlertRule.Kind.TRENDING);
        Map<String, TrendItem> trending = new HashMap<>();
        if (wantsTrending) {
            trends.get(TrendWindow.ONE_HOUR, TRENDS_LIMIT, "all", end).trends().forEach(t -> trending.putIfAbsent(t.term(), t));
        }
        Instant boundary = reader.boundary();
        for (String term : w.terms()) {
            Map<Instant, Counts> byMinute = new HashMap<>();
            for (MergedPoint p : reader.term(term, Granularity.MINUTE, end.minus(Duration.ofMinutes(span)), end, boundary)) {
                byMinute.put(p.bucket(), p.counts());
            }
            Set<String> keys = new LinkedHashSet<>();
            for (AlertRule rule : w.rules()) {
                if (!keys.add(rule.key())) {
                    continue;
                }
                List<Counts> minutes = new ArrayList<>();
                for (int i = rule.minutes(); i >= 1; i--) {
                    minutes.add(byMinute.getOrDefault(end.minus(Duration.ofMinutes(i)), Counts.ZERO));
                }
                TrendItem t = trending.get(term);
                RuleCheck check = RuleCheck.of(rule, minutes, t != null && t.trending(), t == null ? 0 : t.posts());
                AlertStore.OpenEpisode episode = open.remove(term + "\u0000" + rule.key());
                if (check.holds() && episode == null) {
                    raise(w, new AlertStore.OpenEpisode(term, rule.key(), end, check.value()), rule);
                } else if (!check.holds() && episode != null) {
                    resolve(w, episode, rule, end, check.value());
                }
            }
        }
        // episodes of terms or rules taken off the list end with the minute they were last evaluated in
        for (AlertStore.OpenEpisode e : open.values()) {
            resolve(w, e, null, end, 0);
        }
    }

    private void raise(Watchlist w, AlertStore.OpenEpisode e, AlertRule rule) {
        if (!store.open(w.name(), e)) {
            return;   // another replica (or an earlier run of this one) raised it
        }
        raised.inc();
        LOG.info("alert [{}] {} {} at {} (value {})", w.name(), e.term(), e.ruleKey(), e.started(), e.value());
        Instant now = clock.instant();
        for (Webhook h : w.webhooks()) {
            store.enqueue(w.name(), h.url(), AlertMessages.ALERT, AlertMessages.body(h.format(), AlertMessages.ALERT,
                    w.name(), e.term(), e.ruleKey(), rule, e.started(), e.started(), e.value()), now);
        }
    }

    private void resolve(Watchlist w, AlertStore.OpenEpisode e, AlertRule rule, Instant at, double value) {
        if (!store.resolve(w.name(), e, at, value)) {
            return;
        }
        LOG.info("resolved [{}] {} {} at {} (since {})", w.name(), e.term(), e.ruleKey(), at, e.started());
        Instant now = clock.instant();
        for (Webhook h : w.webhooks()) {
            store.enqueue(w.name(), h.url(), AlertMessages.RESOLVED, AlertMessages.body(h.format(), AlertMessages.RESOLVED,
                    w.name(), e.term(), e.ruleKey(), rule, e.started(), at, value), now);
        }
    }

    /** Tries the oldest undelivered message of each webhook of each watchlist, if its attempt is due. */
    void deliverDue(List<Watchlist> lists) {
        Instant now = clock.instant();
        for (Watchlist w : lists) {
            Map<String, AlertStore.Delivery> oldest = new LinkedHashMap<>();
            for (AlertStore.Delivery d : store.deliveries(w.name())) {   // in id order: oldest first
                if (d.deliveredAt() == null) {
                    oldest.putIfAbsent(d.url(), d);
                }
            }
            for (AlertStore.Delivery d : oldest.values()) {
                if (d.nextAttempt() != null && d.nextAttempt().isAfter(now)) {
                    continue;
                }
                if (!store.claim(d, now.plus(backoff(settings, d.attempts() + 1)))) {
                    continue;   // another replica is trying it
                }
                Optional<String> error = sender.send(d.url(), d.body());
                if (error.isEmpty()) {
                    store.delivered(d, clock.instant());
                    sent.inc();
                } else {
                    store.failed(d, error.get());
                    failed.inc();
                    LOG.warn("alerts: {} message of [{}] to {} not delivered (attempt {}): {}; next try in {}", d.event(),
                            w.name(), d.url(), d.attempts() + 1, error.get(), backoff(settings, d.attempts() + 1));
                }
            }
        }
    }

    /** The wait after attempt {@code n} (1, 2, …) fails: {@code retryBase} doubled per attempt, at most {@code retryMax}. */
    static Duration backoff(Settings settings, int n) {
        Duration d = settings.retryBase();
        for (int i = 1; i < n && d.compareTo(settings.retryMax()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : d;
    }
}
