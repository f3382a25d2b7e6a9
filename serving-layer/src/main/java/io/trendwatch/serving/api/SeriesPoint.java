package io.trendwatch.serving.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trendwatch.serving.merge.MergedPoint;

import java.time.Instant;

/** One bucket of a term's series, with the view it came from. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SeriesPoint(Instant bucket, long posts, long positive, long neutral, long negative, long unscored, String source) {

    public static SeriesPoint of(MergedPoint p) {
        var c = p.counts();
        return new SeriesPoint(p.bucket(), c.posts(), c.positive(), c.neutral(), c.negative(), c.unscored(), p.source().label());
    }
}
