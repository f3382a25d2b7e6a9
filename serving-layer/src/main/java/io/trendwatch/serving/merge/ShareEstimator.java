package io.trendwatch.serving.merge;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.trendwatch.core.sentiment.PolarityRates;
import io.trendwatch.serving.db.ViewReader;
import io.trendwatch.store.models.ModelNames;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The sentiment shares the API shows. The counts stay exact (each is the batch or the speed view's); the shares an
 * analyst reads are estimated from them: when the card of the sentiment model in use records its measured rates
 * ({@link PolarityRates}, from the time-split check), the balance between positive and negative is adjusted by them,
 * which comes closer to a term's true split than the counted share; otherwise the shares are the counted ones. The
 * model in use is read again at most once a minute; an answer takes one {@link #basis()} for all its figures, so a
 * promotion never splits it.
 */
public final class ShareEstimator {

    static final Duration REREAD = Duration.ofMinutes(1);

    /** How the shares were estimated: {@code adjusted} by the rates of a model, or {@code counted}. */
    public enum Method {
        ADJUSTED, COUNTED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Shares of the scored posts; null when none was scored. */
    public record Estimate(Double positive, Double negative) {
    }

    /** The sentiment model in use ({@code model} null when none) and its rates, when its card records them. */
    public record Basis(String model, Optional<PolarityRates> rates) {

        static final Basis NONE = new Basis(null, Optional.empty());

        public Method method() {
            return rates.isPresent() ? Method.ADJUSTED : Method.COUNTED;
        }

        public Estimate estimate(Counts c) {
            Optional<PolarityRates.Shares> shares = rates
                    .map(r -> r.shares(c.positive(), c.neutral(), c.negative()))
                    .orElseGet(() -> PolarityRates.counted(c.positive(), c.neutral(), c.negative()));
            return new Estimate(shares.map(PolarityRates.Shares::positive).orElse(null),
                    shares.map(PolarityRates.Shares::negative).orElse(null));
        }
    }

    private final Supplier<Basis> basis;

    private ShareEstimator(Supplier<Basis> basis) {
        this.basis = basis;
    }

    /** Estimates with the rates of the sentiment model in use in {@code views}, read once a minute at most. */
    public static ShareEstimator of(ViewReader views) {
        LoadingCache<String, Basis> cache = Caffeine.newBuilder().maximumSize(1).refreshAfterWrite(REREAD)
                .build(name -> views.promotedModel(name)
                        .map(v -> new Basis(v, PolarityRates.fromMetrics(views.modelMetrics(name, v))
                                .filter(PolarityRates::corrects)))
                        .orElse(Basis.NONE));
        return new ShareEstimator(() -> cache.get(ModelNames.SENTIMENT));
    }

    /** Counted shares only. */
    public static ShareEstimator counting() {
        return new ShareEstimator(() -> Basis.NONE);
    }

    /** The model in use now, for every figure of one answer. */
    public Basis basis() {
        return basis.get();
    }
}
