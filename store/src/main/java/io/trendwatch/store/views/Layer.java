package io.trendwatch.store.views;

/**
 * The two layers that write views. Each has its own term counts, bucket totals and term examples with the same key and columns
 * (the batch layer's rows name their run, the speed layer's their write time), so a reader picks the table by layer
 * and reads the same columns from either.
 */
public enum Layer {
    BATCH(Tables.BATCH_TERM_COUNTS, Tables.BATCH_BUCKET_TOTALS, Tables.BATCH_TERM_EXAMPLES),
    SPEED(Tables.SPEED_TERM_COUNTS, Tables.SPEED_BUCKET_TOTALS, Tables.SPEED_TERM_EXAMPLES);

    private final Table termCounts;
    private final Table bucketTotals;
    private final Table termExamples;

    Layer(Table termCounts, Table bucketTotals, Table termExamples) {
        this.termCounts = termCounts;
        this.bucketTotals = bucketTotals;
        this.termExamples = termExamples;
    }

    public Table termExamples() {
        return termExamples;
    }

    public Table termCounts() {
        return termCounts;
    }

    public Table bucketTotals() {
        return bucketTotals;
    }
}
