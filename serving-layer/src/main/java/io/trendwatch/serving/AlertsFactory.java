package io.trendwatch.serving;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.trendwatch.serving.alerts.AlertEvaluator;
import jakarta.validation.constraints.NotNull;

/** How watchlist alerts are evaluated and delivered; see config.yml. */
public class AlertsFactory {

    /** Evaluate the watchlists and deliver alerts in this process (one or more replicas may; each alert goes once). */
    @JsonProperty
    private boolean enabled = true;

    /** How often the evaluator looks for newly completed minutes and due deliveries. */
    @NotNull
    @JsonProperty
    private Duration interval = Duration.seconds(5);

    /** A minute is evaluated once the speed layer has counted posts this long past its end. */
    @NotNull
    @JsonProperty
    private Duration settle = Duration.minutes(1);

    /** Wait after a first failed delivery; doubled per attempt... */
    @NotNull
    @JsonProperty
    private Duration retryBase = Duration.seconds(5);

    /** ...up to this, and tried until the receiver accepts. */
    @NotNull
    @JsonProperty
    private Duration retryMax = Duration.minutes(5);

    /** Connect and answer timeout of one delivery. */
    @NotNull
    @JsonProperty
    private Duration timeout = Duration.seconds(10);

    public boolean isEnabled() {
        return enabled;
    }

    public AlertEvaluator.Settings settings() {
        return new AlertEvaluator.Settings(interval.toJavaDuration(), settle.toJavaDuration(), retryBase.toJavaDuration(),
                retryMax.toJavaDuration(), timeout.toJavaDuration());
    }
}
