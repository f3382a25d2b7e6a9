package io.trendwatch.speed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.trendwatch.core.config.KafkaAddress;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.source.SemEvalTweet;
import io.trendwatch.core.testing.SharedData;
import io.trendwatch.store.views.Tables;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** What the speed layer's integration tests share: real tweets to build streams from, and reading the views back. */
final class SpeedFixture {

    static final String BOOTSTRAP = KafkaAddress.bootstrap(System.getenv());

    private SpeedFixture() {
    }

    /** The real tweets of SemEval's 2016 training file, the corpus the generated streams draw their texts from. */
    static List<Post> realPosts() throws Exception {
        List<Post> out = new ArrayList<>();
        for (String line : Files.readString(SharedData.subtaskA().resolve("twitter-2016train-A.tsv")).split("\n")) {
            if (!line.isBlank()) {
                out.add(SemEvalTweet.parse(line).toPost());
            }
        }
        return out;
    }

    /** Posts in the speed view's minute totals; -1 while the keyspace does not exist yet. */
    static long totalPosts(CqlSession session, String keyspace) {
        try {
            long n = 0;
            for (Row r : session.execute("SELECT posts FROM " + Tables.SPEED_BUCKET_TOTALS.in(keyspace))) {
                n += r.getLong("posts");
            }
            return n;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** A number column of the query's speed status row; -1 when there is none yet. */
    static long statusLong(CqlSession session, String keyspace, String query, String column) {
        try {
            Row r = session.execute("SELECT " + column + " FROM " + Tables.SPEED_STATUS.in(keyspace) + " WHERE query = ?", query).one();
            return r == null || r.isNull(0) ? -1 : r.getLong(0);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Waits for {@code condition}; fails with the speed layer's log if it exits or the limit passes. */
    static void await(Duration limit, BooleanSupplier condition, SpeedProcess speed) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (!speed.isAlive()) {
                throw new AssertionError("the speed layer exited:\n" + speed.log());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + "; speed layer log:\n" + speed.log());
            }
            Thread.sleep(500);
        }
    }
}
