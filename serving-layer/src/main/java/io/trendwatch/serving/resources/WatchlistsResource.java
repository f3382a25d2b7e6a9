package io.trendwatch.serving.resources;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendwatch.core.text.Term;
import io.trendwatch.serving.alerts.AlertRule;
import io.trendwatch.serving.alerts.AlertStore;
import io.trendwatch.serving.alerts.Watchlist;
import io.trendwatch.serving.alerts.Webhook;
import io.trendwatch.serving.api.AlertHistory;
import io.trendwatch.serving.api.WatchlistView;
import io.trendwatch.serving.http.WriteAccess;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/watchlists}: named lists of terms with alert rules and webhooks. Reading is public (webhook URLs
 * masked); {@code PUT} and {@code DELETE} need the write token. Alerts are raised by
 * {@link io.trendwatch.serving.alerts.AlertEvaluator}; {@code GET /{name}/alerts} is their history.
 */
@Path("/api/v1/watchlists")
@Produces(MediaType.APPLICATION_JSON)
public record WatchlistsResource(AlertStore store, Clock clock) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("terms", "rules", "webhooks");

    @GET
    @Timed
    public Map<String, List<WatchlistView>> list() {
        return Map.of("watchlists", store.watchlists().stream().map(WatchlistView::of).toList());
    }

    @GET
    @Path("{name}")
    @Timed
    public WatchlistView get(@PathParam("name") String name) {
        return WatchlistView.of(store.watchlist(name(name)).orElseThrow(() -> notFound(name)));
    }

    /** Creates or replaces the list; its open episodes of terms and rules it keeps stay open. */
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @WriteAccess
    @Timed
    public WatchlistView put(@PathParam("name") String name, JsonNode body) {
        Watchlist w = parse(name(name), body, clock);
        store.put(w);
        return WatchlistView.of(w);
    }

    @DELETE
    @Path("{name}")
    @WriteAccess
    @Timed
    public Response delete(@PathParam("name") String name) {
        if (!store.delete(name(name))) {
            throw notFound(name);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("{name}/alerts")
    @Timed
    public AlertHistory alerts(@PathParam("name") String name, @QueryParam("limit") String limitParam) {
        int limit = Params.limit(limitParam, 50, 1_000);
        store.watchlist(name(name)).orElseThrow(() -> notFound(name));
        List<AlertHistory.Alert> alerts = store.history(name, limit).stream()
                .map(e -> new AlertHistory.Alert(e.term(), e.rule(), e.started(), e.value(), e.resolved(), e.resolvedValue()))
                .toList();
        long undelivered = store.deliveries(name).stream().filter(d -> d.deliveredAt() == null).count();
        return new AlertHistory(name, alerts, undelivered);
    }

    private static String name(String name) {
        if (name == null || !Watchlist.NAME.matcher(name).matches()) {
            throw new BadParameterException("name", "watchlist name must be 1 to 64 of a-z, 0-9, '-' and '_', starting "
                    + "with a letter or digit, got '" + Params.shown(String.valueOf(name)) + "'");
        }
        return name;
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException("no watchlist named '" + name + "'");
    }

    /** The list a request body describes, each field checked (a 400 names the field at fault). */
    static Watchlist parse(String name, JsonNode body, Clock clock) {
        if (body == null || !body.isObject()) {
            throw new BadParameterException("body", "the body must be a JSON object with terms, rules and webhooks");
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new BadParameterException(f, "unknown field '" + Params.shown(f) + "': a watchlist has terms, rules "
                        + "and webhooks");
            }
        });
        List<String> terms = new ArrayList<>(new LinkedHashSet<>(terms(body.get("terms"))));
        List<AlertRule> rules = list(body.get("rules"), "rules", 1, Watchlist.MAX_RULES, AlertRule.class);
        List<Webhook> webhooks = body.has("webhooks")
                ? list(body.get("webhooks"), "webhooks", 0, Watchlist.MAX_WEBHOOKS, Webhook.class) : List.of();
        return new Watchlist(name, terms, rules, webhooks, clock.instant());
    }

    private static List<String> terms(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > Watchlist.MAX_TERMS) {
            throw new BadParameterException("terms", "'terms' must be a list of 1 to " + Watchlist.MAX_TERMS
                    + " terms, e.g. [\"#acme\", \"acme\"]");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode t : node) {
            if (!t.isTextual() || t.asText().length() > Params.MAX_TERM_CHARS) {
                throw new BadParameterException("terms", "'terms' holds " + Params.shown(t.toString())
                        + ": each term is a string of at most " + Params.MAX_TERM_CHARS + " characters");
            }
            out.add(Term.parse(t.asText()).orElseThrow(() -> new BadParameterException("terms", "'terms': '"
                    + Params.shown(t.asText()) + "' holds no term; try #hashtag, @mention or a word")).text());
        }
        return out;
    }

    private static <T> List<T> list(JsonNode node, String field, int min, int max, Class<T> type) {
        if (node == null || !node.isArray() || node.size() < min || node.size() > max) {
            throw new BadParameterException(field, "'" + field + "' must be a list of " + min + " to " + max + " "
                    + field + (field.equals("rules") ? ", e.g. [{\"kind\": \"volume_above\", \"threshold\": 100, \"minutes\": 3}]"
                    : ", e.g. [{\"url\": \"https://hooks.example.com/alerts\", \"format\": \"json\"}]"));
        }
        List<T> out = new ArrayList<>();
        for (JsonNode n : node) {
            try {
                out.add(JSON.treeToValue(n, type));
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                String why = cause instanceof IllegalArgumentException ? cause.getMessage()
                        : e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                throw new BadParameterException(field, "'" + field + "': " + Params.shown(n.toString()) + ": " + why);
            }
        }
        return out;
    }
}
