package io.trendwatch.store.views;

/**
 * The two layers that write views. Each has its own term counts and bucket totals with the same key and counts
 * (the batch layer's rows name their run, the speed layer's their write time), so a reader picks the table by layer
 * and reads the same columns from either.
 */
public enum Layer {
    BATCH(Tables.BATCH_TERM_COUNTS, Tables.BATCH_BUCKET_TOTALS),
    SPEED(Tables.SPEED_TERM_COUNTS, Tables.SPEED_BUCKET_TOTALS);

    private final Table termCounts;
    private final Table bucketTotals;

    Layer(Table termCounts, Table bucketTotals) {
        this.termCounts = termCounts;
        this.bucketTotals = bucketTotals;
    }

    public Table termCounts() {
        return termCounts;
    }

    public Table bucketTotals() {
        return bucketTotals;
    }
}
