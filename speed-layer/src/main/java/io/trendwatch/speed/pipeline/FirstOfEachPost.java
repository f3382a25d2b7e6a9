package io.trendwatch.speed.pipeline;

import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.ExpiredTimerInfo;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StatefulProcessor;
import org.apache.spark.sql.streaming.TTLConfig;
import org.apache.spark.sql.streaming.TimeMode;
import org.apache.spark.sql.streaming.TimerValues;
import org.apache.spark.sql.streaming.ValueState;
import scala.collection.Iterator;

import java.sql.Timestamp;
import java.util.Comparator;

/**
 * De-duplication by post id: lets the first copy of a post through (of the
 * copies in one micro-batch, the lowest offset: posts are keyed by id, so
 * their copies share a partition, and the master dataset keeps the same one)
 * and remembers its id until the watermark passes the post's event time, when
 * a copy would be too late to count anyway. Each id forgets itself through an
 * event-time timer, so expired ids are found in the timers' time order; Spark's
 * own de-duplication reads its whole state every micro-batch to find them.
 */
public final class FirstOfEachPost extends StatefulProcessor<String, Row, Row> {
    private static final long serialVersionUID = 1L;

    /** The order copies were read in: by partition, then offset. */
    static final Comparator<Row> ARRIVAL = Comparator.<Row>comparingInt(r -> r.<Integer>getAs("partition"))
            .thenComparingLong(r -> r.<Long>getAs("offset"));

    private transient ValueState<Boolean> seen;

    @Override
    public void init(OutputMode outputMode, TimeMode timeMode) {
        seen = getHandle().getValueState("seen", Encoders.BOOLEAN(), TTLConfig.NONE());
    }

    @Override
    public Iterator<Row> handleInputRows(String id, Iterator<Row> rows, TimerValues timers) {
        if (seen.exists() || !rows.hasNext()) {
            return scala.collection.Iterator$.MODULE$.empty();
        }
        Row first = rows.next();
        while (rows.hasNext()) {
            Row copy = rows.next();
            if (ARRIVAL.compare(copy, first) < 0) {
                first = copy;
            }
        }
        seen.update(Boolean.TRUE);
        getHandle().registerTimer(((Timestamp) first.getAs("event_time")).getTime());
        return scala.collection.Iterator$.MODULE$.single(first);
    }

    @Override
    public Iterator<Row> handleExpiredTimer(String id, TimerValues timers, ExpiredTimerInfo expired) {
        seen.clear();
        return scala.collection.Iterator$.MODULE$.empty();
    }
}
