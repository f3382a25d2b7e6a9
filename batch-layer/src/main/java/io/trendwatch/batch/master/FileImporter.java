package io.trendwatch.batch.master;

import io.trendwatch.core.post.EventTimeGuard;
import io.trendwatch.core.post.ParseResult;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.source.PostFileReader;
import io.trendwatch.core.source.PostFormat;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import static org.apache.spark.sql.functions.col;

/**
 * Adds a file export (JSON Lines, CSV, SemEval TSV, optionally gzipped) to the
 * master dataset, parsed with the same codec as the topic. The file is read in
 * chunks so its size is not bounded by the driver's memory; ids already in the
 * dataset are skipped, so importing the same file twice adds nothing, and of
 * an id's lines the first is kept.
 */
public final class FileImporter {

    private static final int CHUNK = 200_000;
    /** Rejected lines named individually; the rest are only counted. */
    private static final int LISTED_REJECTS = 20;
    private static final String LINE = "line";
    private static final StructType ROWS = PostRows.SCHEMA.add(LINE, DataTypes.LongType, false);

    private final EventTimeGuard guard;

    public FileImporter() {
        this(EventTimeGuard.DEFAULT);
    }

    public FileImporter(EventTimeGuard guard) {
        this.guard = guard;
    }

    /** What one import did. */
    public record Result(long records, long added, long rejected, Map<Long, String> firstRejects) {
        public long duplicates() {
            return records - rejected - added;
        }
    }

    public Result importFile(SparkSession spark, MasterDataset master, Path file, PostFormat format,
                             LongConsumer progress) throws IOException {
        try (ArchiveLock ignored = ArchiveLock.acquire(master)) {
            String source = "file:" + file.getFileName() + ":";
            List<Row> chunk = new ArrayList<>();
            Map<Long, String> rejects = new LinkedHashMap<>();
            long[] counts = new long[3]; // records, added, rejected
            IOException[] failure = new IOException[1];
            // a file's posts arrive now: the speed layer's rule against posts dated after their arrival
            Instant arrived = Instant.now();
            new PostFileReader(new PostCodec()).read(file, format, rec -> {
                counts[0]++;
                ParseResult result = guard.check(rec.result(), arrived);
                if (result instanceof ParseResult.Accepted a) {
                    chunk.add(withLine(a.post(), source + rec.line(), rec.line()));
                } else {
                    ParseResult.Rejected r = (ParseResult.Rejected) result;
                    counts[2]++;
                    if (rejects.size() < LISTED_REJECTS) {
                        rejects.put(rec.line(), r.reason().name() + ": " + r.detail());
                    }
                }
                if (chunk.size() >= CHUNK && failure[0] == null) {
                    counts[1] += flush(spark, master, chunk, failure);
                }
                progress.accept(counts[0]);
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            counts[1] += flush(spark, master, chunk, failure);
            if (failure[0] != null) {
                throw failure[0];
            }
            return new Result(counts[0], counts[1], counts[2], rejects);
        }
    }

    /** A master row and the line it was read from: of two copies of a post in a chunk, the first line's is kept. */
    private static Row withLine(Post post, String source, long line) {
        Object[] values = PostRows.values(post, source, ROWS.size());
        values[ROWS.fieldIndex(LINE)] = line;
        return RowFactory.create(values);
    }

    private static long flush(SparkSession spark, MasterDataset master, List<Row> chunk, IOException[] failure) {
        if (chunk.isEmpty()) {
            return 0;
        }
        try {
            return master.append(spark, spark.createDataFrame(chunk, ROWS), col(LINE));
        } catch (IOException e) {
            failure[0] = e;
            return 0;
        } finally {
            chunk.clear();
        }
    }

    public static PostFormat formatOf(Path file, String explicit) {
        return explicit != null ? PostFormat.parse(explicit) : PostFormat.detect(file);
    }
}
