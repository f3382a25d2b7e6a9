package io.trendwatch.core;

/**
 * The exit statuses of every trendwatch command, for operators and schedulers. The Airflow DAGs skip a task on
 * {@link #REFUSED} and {@link #NOT_ENOUGH_DATA} rather than fail it; their copies of these numbers are checked
 * against this class by the DAG tests.
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** The work failed; the message says why. */
    public static final int FAILED = 1;
    /** A parameter or input file is wrong; nothing was done. */
    public static final int BAD_INPUT = 2;
    /** Something the command needs cannot be reached or read (Cassandra, Kafka, the master dataset); nothing was published. */
    public static final int UNAVAILABLE = 3;
    /** The command refused to go on: records lost before they were archived, a model not better than the one in use. */
    public static final int REFUSED = 4;
    /** Too little data for the work asked (a model or topics over too few posts); nothing was changed. */
    public static final int NOT_ENOUGH_DATA = 5;

    private ExitCodes() {
    }
}
