package io.trendwatch.batch.views;

import java.nio.file.Path;

/**
 * How a run's count rows (term counts and bucket totals, nearly all of its rows) reach Cassandra: upserts from the
 * executors through the driver, or SSTables built beside the cluster and streamed to the nodes that own them
 * ({@link SSTableViewLoad}). Both leave the same cells: the same values, write timestamp and TTL.
 */
public sealed interface ViewLoad permits ViewLoad.Driver, ViewLoad.SSTables {

    ViewLoad DRIVER = new Driver();

    /** Upserts from the executors ({@link BatchViewWriter#writeCounts}). */
    record Driver() implements ViewLoad {
    }

    /**
     * @param loader      the program that turns a stage into SSTables and streams them (bin/view-loader)
     * @param stage       where runs stage their rows (one folder per run, removed once loaded); every Spark executor
     *                    and the loader must see it: a local folder on one machine, a shared one on a cluster
     * @param storagePort the nodes' internode port, which the SSTables stream to
     */
    record SSTables(Path loader, Path stage, int storagePort) implements ViewLoad {
    }
}
