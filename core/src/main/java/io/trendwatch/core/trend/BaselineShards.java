package io.trendwatch.core.trend;

/**
 * Baselines are stored in {@value #SHARDS} partitions per step, so that
 * reading all of them is a few bounded reads and writing them has no hot spot.
 */
public final class BaselineShards {

    public static final int SHARDS = 16;

    private BaselineShards() {
    }

    public static int shardOf(String term) {
        return Math.floorMod(term.hashCode(), SHARDS);
    }
}
