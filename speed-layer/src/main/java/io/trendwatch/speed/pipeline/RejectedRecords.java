package io.trendwatch.speed.pipeline;

import io.trendwatch.core.post.EventTimeGuard;
import io.trendwatch.core.post.ParseResult;
import io.trendwatch.core.post.PostCodec;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The dead-letter query's side of parsing: validates each Kafka record with the
 * shared codec and keeps only the rejected ones, with the reason, the original
 * bytes and the source offset. It reads the same records as the views query, so
 * it does no more than it needs: no tokenizing, no sentiment labels.
 */
public final class RejectedRecords implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    public static final StructType SCHEMA = new StructType(new StructField[]{
            DataTypes.createStructField("reason", DataTypes.StringType, false),
            DataTypes.createStructField("detail", DataTypes.StringType, false),
            DataTypes.createStructField("key", DataTypes.BinaryType, true),
            DataTypes.createStructField("value", DataTypes.BinaryType, true),
            DataTypes.createStructField("topic", DataTypes.StringType, true),
            DataTypes.createStructField("partition", DataTypes.IntegerType, true),
            DataTypes.createStructField("offset", DataTypes.LongType, true)});

    private final EventTimeGuard guard;

    /** Reads rows of the Kafka record's key, value, topic, partition, offset and timestamp (its arrival). */
    public RejectedRecords(EventTimeGuard guard) {
        this.guard = guard;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        PostCodec codec = new PostCodec();
        return new Iterator<>() {
            private Row next;

            @Override
            public boolean hasNext() {
                while (next == null && input.hasNext()) {
                    Row r = input.next();
                    ParseResult parsed = guard.check(codec.parse((byte[]) r.getAs("value")),
                            ((Timestamp) r.getAs("timestamp")).toInstant());
                    if (parsed instanceof ParseResult.Rejected rej) {
                        next = RowFactory.create(rej.reason().name(), rej.detail(), r.getAs("key"), r.getAs("value"),
                                r.getAs("topic"), r.getAs("partition"), r.getAs("offset"));
                    }
                }
                return next != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row out = next;
                next = null;
                return out;
            }
        };
    }
}
