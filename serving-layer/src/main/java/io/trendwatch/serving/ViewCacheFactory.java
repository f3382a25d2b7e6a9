package io.trendwatch.serving;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.trendwatch.serving.db.ViewCache;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** How long series reads may reuse what they read from the views; see config.yml. */
public class ViewCacheFactory {

    /** A batch partition is reused until the boundary moves, or at most this long (a backfill shows after it). */
    @NotNull
    private Duration batchTtl = Duration.seconds(60);

    /** A speed partition older than this is re-read in the background while it still answers. */
    @NotNull
    private Duration speedRefresh = Duration.seconds(1);

    /** A speed partition is never served older than this. */
    @NotNull
    private Duration speedMaxAge = Duration.seconds(3);

    /**
     * A speed row this much older than the newest row of its partition is not read again in a
     * background re-read: at least the speed layer's {@code --watermark} (10 minutes by default),
     * after which its rows never change. 0 re-reads whole partitions.
     */
    @NotNull
    private Duration speedSettled = Duration.minutes(15);

    /** A cached speed partition is read whole again at least this often (an operator's replay shows within it). */
    @NotNull
    private Duration speedFullRefresh = Duration.seconds(60);

    /** The published boundary is re-read after this long. */
    @NotNull
    private Duration boundaryTtl = Duration.seconds(1);

    /** Rows kept in memory across all cached partitions; 0 turns the cache off. */
    @Min(0)
    @Max(100_000_000)
    private long maxRows = 1_000_000;

    @JsonIgnore
    @AssertTrue(message = "speedMaxAge must be longer than speedRefresh")
    public boolean isSpeedMaxAgeLongerThanRefresh() {
        return speedMaxAge.toNanoseconds() > speedRefresh.toNanoseconds();
    }

    public ViewCache.Settings settings() {
        return new ViewCache.Settings(batchTtl.toJavaDuration(), speedRefresh.toJavaDuration(), speedMaxAge.toJavaDuration(),
                boundaryTtl.toJavaDuration(), maxRows, speedSettled.toJavaDuration(), speedFullRefresh.toJavaDuration());
    }

    @JsonProperty
    public Duration getSpeedSettled() {
        return speedSettled;
    }

    @JsonProperty
    public void setSpeedSettled(Duration speedSettled) {
        this.speedSettled = speedSettled;
    }

    @JsonProperty
    public Duration getSpeedFullRefresh() {
        return speedFullRefresh;
    }

    @JsonProperty
    public void setSpeedFullRefresh(Duration speedFullRefresh) {
        this.speedFullRefresh = speedFullRefresh;
    }

    @JsonProperty
    public Duration getBatchTtl() {
        return batchTtl;
    }

    @JsonProperty
    public void setBatchTtl(Duration batchTtl) {
        this.batchTtl = batchTtl;
    }

    @JsonProperty
    public Duration getSpeedRefresh() {
        return speedRefresh;
    }

    @JsonProperty
    public void setSpeedRefresh(Duration speedRefresh) {
        this.speedRefresh = speedRefresh;
    }

    @JsonProperty
    public Duration getSpeedMaxAge() {
        return speedMaxAge;
    }

    @JsonProperty
    public void setSpeedMaxAge(Duration speedMaxAge) {
        this.speedMaxAge = speedMaxAge;
    }

    @JsonProperty
    public Duration getBoundaryTtl() {
        return boundaryTtl;
    }

    @JsonProperty
    public void setBoundaryTtl(Duration boundaryTtl) {
        this.boundaryTtl = boundaryTtl;
    }

    @JsonProperty
    public long getMaxRows() {
        return maxRows;
    }

    @JsonProperty
    public void setMaxRows(long maxRows) {
        this.maxRows = maxRows;
    }
}
