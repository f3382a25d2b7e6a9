package io.trendwatch.serving;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.dropwizard.core.Configuration;
import io.dropwizard.util.Duration;
import io.trendwatch.store.Publications;
import io.trendwatch.store.views.SpeedStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** Typed, validated configuration of the serving layer; see config.yml for a commented example. */
public class ServingConfiguration extends Configuration {

    @Valid
    @NotNull
    private CassandraFactory cassandra = new CassandraFactory();

    /** Largest number of buckets one request may ask for. */
    @Min(1)
    @Max(1_000_000)
    private int maxBucketsPerRequest = 10_000;

    /** The batch-boundary health check fails when the boundary was published longer ago than this. */
    @NotNull
    private Duration maxBoundaryAge = Duration.parse(Publications.MAX_BOUNDARY_AGE);

    /** The speed-heartbeat health check fails when the speed layer has not reported for this long. */
    @NotNull
    private Duration maxSpeedSilence = Duration.parse(SpeedStatus.MAX_SILENCE);

    /** Name of the speed layer's query, whose status the API reports. */
    @NotEmpty
    private String speedQuery = SpeedStatus.DEFAULT_QUERY;

    /** How long a /trends answer is reused. */
    @NotNull
    private Duration trendsCacheTtl = Duration.seconds(5);

    /** Requests per second one client address may send to the API; more are answered 429. 0 turns the limit off. */
    @Min(0)
    private int requestsPerSecondPerClient = 50;

    /** The token admin tasks require (Authorization: Bearer TOKEN); empty turns the tasks off. */
    @NotNull
    @JsonProperty
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    private String adminToken = "";

    /** A file holding the admin token (a mounted Secret); when set it wins over {@code adminToken}. */
    @NotNull
    @JsonProperty
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    private String adminTokenFile = "";

    /** The token changes to watchlists require (Authorization: Bearer TOKEN); empty turns changes off. */
    @NotNull
    @JsonProperty
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    private String writeToken = "";

    /** A file holding the write token (a mounted Secret); when set it wins over {@code writeToken}. */
    @NotNull
    @JsonProperty
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    private String writeTokenFile = "";

    /** How watchlist alerts are evaluated and delivered. */
    @Valid
    @NotNull
    @JsonProperty
    private AlertsFactory alerts = new AlertsFactory();

    /** What series reads may reuse from the views. */
    @Valid
    @NotNull
    private ViewCacheFactory viewCache = new ViewCacheFactory();

    @JsonProperty
    public int getRequestsPerSecondPerClient() {
        return requestsPerSecondPerClient;
    }

    @JsonProperty
    public void setRequestsPerSecondPerClient(int requestsPerSecondPerClient) {
        this.requestsPerSecondPerClient = requestsPerSecondPerClient;
    }

    /** The admin token in force: the file's content when a file is named, else {@code adminToken}. */
    public String adminToken() {
        return secret(adminToken, adminTokenFile, false, "admin token file", "adminTokenFile, TRENDWATCH_ADMIN_TOKEN_FILE");
    }

    /**
     * The write token in force: the file's content when a file is named, else {@code writeToken}. A named file that
     * does not exist (an optional Secret not created) is no token: changes are refused.
     */
    public String writeToken() {
        return secret(writeToken, writeTokenFile, true, "write token file", "writeTokenFile, TRENDWATCH_WRITE_TOKEN_FILE");
    }

    public AlertsFactory getAlerts() {
        return alerts;
    }

    private static String secret(String value, String file, boolean missingIsNone, String what, String setting) {
        if (file == null || file.isBlank()) {
            return value == null ? "" : value;
        }
        if (missingIsNone && !java.nio.file.Files.exists(java.nio.file.Path.of(file))) {
            return "";
        }
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(file)).strip();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the " + what + " " + file + " (" + setting + "): " + e.getMessage(), e);
        }
    }

    @JsonProperty
    public ViewCacheFactory getViewCache() {
        return viewCache;
    }

    @JsonProperty
    public void setViewCache(ViewCacheFactory viewCache) {
        this.viewCache = viewCache;
    }

    @JsonProperty
    public CassandraFactory getCassandra() {
        return cassandra;
    }

    @JsonProperty
    public void setCassandra(CassandraFactory cassandra) {
        this.cassandra = cassandra;
    }

    @JsonProperty
    public int getMaxBucketsPerRequest() {
        return maxBucketsPerRequest;
    }

    @JsonProperty
    public void setMaxBucketsPerRequest(int maxBucketsPerRequest) {
        this.maxBucketsPerRequest = maxBucketsPerRequest;
    }

    @JsonProperty
    public Duration getMaxBoundaryAge() {
        return maxBoundaryAge;
    }

    @JsonProperty
    public void setMaxBoundaryAge(Duration maxBoundaryAge) {
        this.maxBoundaryAge = maxBoundaryAge;
    }

    @JsonProperty
    public Duration getMaxSpeedSilence() {
        return maxSpeedSilence;
    }

    @JsonProperty
    public void setMaxSpeedSilence(Duration maxSpeedSilence) {
        this.maxSpeedSilence = maxSpeedSilence;
    }

    @JsonProperty
    public String getSpeedQuery() {
        return speedQuery;
    }

    @JsonProperty
    public void setSpeedQuery(String speedQuery) {
        this.speedQuery = speedQuery;
    }

    @JsonProperty
    public Duration getTrendsCacheTtl() {
        return trendsCacheTtl;
    }

    @JsonProperty
    public void setTrendsCacheTtl(Duration trendsCacheTtl) {
        this.trendsCacheTtl = trendsCacheTtl;
    }
}
