package io.trendwatch.serving.resources;

import com.codahale.metrics.annotation.Timed;
import io.trendwatch.core.trend.TrendWindow;
import io.trendwatch.serving.api.CsvTable;
import io.trendwatch.serving.api.TrendsResponse;
import io.trendwatch.serving.merge.WindowTrends;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET /api/v1/trends?window=1h|24h|7d&limit=N&kind=...&at=}: parses the parameters (a 400 naming a bad one)
 * and answers what {@link WindowTrends} ranks for the window ending at the minute of {@code at}.
 */
@Path("/api/v1/trends")
@Produces({MediaType.APPLICATION_JSON, CsvTable.MEDIA_TYPE})
public record TrendsResource(WindowTrends trends) {

    private static final int MAX_LIMIT = 100;
    private static final Set<String> KINDS = Set.of("all", "hashtag", "mention", "word", "cashtag", "emoji");

    @GET
    @Timed
    public TrendsResponse trends(@QueryParam("window") String windowParam, @QueryParam("limit") String limitParam,
                                 @QueryParam("kind") String kindParam, @QueryParam("at") String atParam) {
        TrendWindow window = Params.window(windowParam);
        int limit = Params.limit(limitParam, 20, MAX_LIMIT);
        String kind = kindParam == null || kindParam.isBlank() ? "all" : kindParam.strip().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new BadParameterException("kind", "parameter 'kind' must be one of all, hashtag, mention, word, cashtag, emoji, got '"
                    + Params.shown(kindParam) + "'");
        }
        Instant at = Params.minute(atParam);
        return trends.get(window, limit, kind, at);
    }
}
