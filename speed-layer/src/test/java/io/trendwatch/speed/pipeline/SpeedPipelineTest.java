package io.trendwatch.speed.pipeline;

import io.trendwatch.core.config.KafkaSecurity;
import io.trendwatch.core.post.EventTimeGuard;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.sentiment.Sentiment;
import io.trendwatch.core.sentiment.SentimentScorer;
import io.trendwatch.core.text.PostTerms;
import io.trendwatch.core.trend.TrendParams;
import io.trendwatch.speed.run.SpeedQueries;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.state.StateStore;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.trendwatch.core.view.ExamplePosts;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The speed layer's processing graph ({@link SpeedPipeline#build}) driven without a broker: Kafka-shaped records
 * arrive as files, one file per micro-batch, and both outputs go to the test. It checks what the views count
 * (each post once, late posts dropped, every word of every minute kept, the sentiment split), what the dead
 * letters carry (the reason and the source record's place in their headers) and which posts are offered as
 * examples.
 */
class SpeedPipelineTest {

    private static final StructType KAFKA = new StructType()
            .add("key", DataTypes.BinaryType).add("value", DataTypes.BinaryType)
            .add("topic", DataTypes.StringType).add("partition", DataTypes.IntegerType).add("offset", DataTypes.LongType)
            .add("timestamp", DataTypes.TimestampType);
    private static final PostCodec CODEC = new PostCodec();
    private static final Instant T0 = Instant.parse("2016-03-01T12:00:00Z");
    private static final Duration WATERMARK = Duration.ofMinutes(10);

    /** Latest row per (bucket, term) from the views query; foreachBatch runs on the driver. */
    private static final Map<String, Row> VIEWS = new ConcurrentHashMap<>();

    private static SparkSession spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        spark = SpeedSession.builder(2, Duration.ofSeconds(10)).master("local[2]").appName("speed-pipeline-test").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void countsEachPostOnceDropsLatePostsAndSendsBadRecordsToDeadLetters() throws Exception {
        Path input = dir.resolve("input");
        List<Object[]> first = List.of(
                post(0, "p1", "#sale great deal", T0.plusSeconds(10)),
                post(1, "p1", "#sale great deal", T0.plusSeconds(10)),          // the same post again
                post(2, "p2", "#sale awful queue", T0.plusSeconds(40)),
                raw(3, "{\"id\":\"x1\",", T0.plusSeconds(41)),                   // cut short
                post(4, "p3", "#sale later", T0.plusSeconds(30 * 60)),          // moves the watermark to 12:20
                post(5, "f1", "#sale from the future", T0.plusSeconds(3_600), T0.plusSeconds(30 * 60)));
        List<Object[]> second = List.of(
                post(6, "p4", "#sale behind the watermark", T0.plusSeconds(5 * 60)),
                post(7, "p1", "#sale great deal", T0.plusSeconds(10)),          // replayed after the watermark passed
                post(8, "p5", "#sale on time great", T0.plusSeconds(31 * 60)),
                post(9, "p6", "#sale still on", T0.plusSeconds(30 * 60 + 20)),     // p3's minute, a batch later
                // sent twice with another time and text, the later copy read first: the lower offset is the post
                post(11, "p7", "#resent omega copy", T0.plusSeconds(34 * 60)),
                post(10, "p7", "#resent alpha copy", T0.plusSeconds(33 * 60)));
        write(input.resolve("batch=1"), first);

        SpeedPipeline.Streams streams = graph(input, "checkpoints");

        VIEWS.clear();
        StreamingQuery views = streams.termCounts().writeStream().outputMode(OutputMode.Update())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (rows, id) -> rows.collectAsList()
                        .forEach(r -> VIEWS.put(key(r.getTimestamp(0).toInstant(), r.getString(1)), r)))
                .option("checkpointLocation", dir.resolve("checkpoints/views").toString()).start();
        StreamingQuery dlq = streams.deadLetters().writeStream().format("memory").queryName("dead_letters")
                .option("checkpointLocation", dir.resolve("checkpoints/dlq").toString()).start();
        try {
            views.processAllAvailable();
            dlq.processAllAvailable();
            write(input.resolve("batch=2"), second);
            views.processAllAvailable();
            dlq.processAllAvailable();
            // the views query holds RocksDB stores: while it runs, they stay open
            SpeedQueries.closeStateStores(List.of(views, dlq));
            assertThat(StateStore.isMaintenanceRunning()).as("stores of a running query").isTrue();
        } finally {
            views.stop();
            dlq.stop();
        }
        SpeedQueries.closeStateStores(List.of(views, dlq));
        assertThat(StateStore.isMaintenanceRunning()).as("stores once every query stopped").isFalse();

        // p1 once (sent three times), p2; p4 came after the watermark had passed its minute; f1 is a dead letter.
        // Words seen in one post of a minute are kept: the speed view keeps every term of every minute (ViewPolicy)
        assertThat(counts(T0)).containsExactlyInAnyOrderEntriesOf(Map.of(
                PostTerms.TOTAL, List.of(2L, 1L, 0L, 1L, 0L), "#sale", List.of(2L, 1L, 0L, 1L, 0L),
                "great", List.of(1L, 1L, 0L, 0L, 0L), "deal", List.of(1L, 1L, 0L, 0L, 0L),
                "awful", List.of(1L, 0L, 0L, 1L, 0L), "queue", List.of(1L, 0L, 0L, 1L, 0L)));
        assertThat(counts(T0.plusSeconds(5 * 60))).as("the late post's minute").isEmpty();
        assertThat(counts(T0.plusSeconds(31 * 60))).containsEntry("#sale", List.of(1L, 1L, 0L, 0L, 0L))
                .containsEntry("great", List.of(1L, 1L, 0L, 0L, 0L));
        assertThat(counts(T0.plusSeconds(33 * 60))).containsEntry("#resent", List.of(1L, 0L, 1L, 0L, 0L))
                .containsEntry("alpha", List.of(1L, 0L, 1L, 0L, 0L)).doesNotContainKey("omega");
        assertThat(counts(T0.plusSeconds(34 * 60))).as("the copy at the higher offset").isEmpty();
        // a minute's counts go on from the earlier micro-batches' (p3, then p6)
        assertThat(counts(T0.plusSeconds(30 * 60))).containsEntry("#sale", List.of(2L, 0L, 2L, 0L, 0L))
                .containsEntry(PostTerms.TOTAL, List.of(2L, 0L, 2L, 0L, 0L)).containsEntry("later", List.of(1L, 0L, 1L, 0L, 0L));

        List<Row> letters = spark.sql("SELECT value, headers FROM dead_letters").collectAsList();
        Map<String, Map<String, String>> byReason = new TreeMap<>();
        for (Row r : letters) {
            Map<String, String> headers = new TreeMap<>();
            for (Row h : r.<Row>getList(1)) {
                headers.put(h.getString(0), new String((byte[]) h.get(1), StandardCharsets.UTF_8));
            }
            byReason.put(headers.get("reason"), headers);
        }
        assertThat(letters).hasSize(2);
        assertThat(byReason.keySet()).containsExactly("FUTURE_TIMESTAMP", "MALFORMED_JSON");
        assertThat(byReason.get("MALFORMED_JSON")).containsEntry("source.topic", "posts")
                .containsEntry("source.partition", "0").containsEntry("source.offset", "3");
        assertThat(byReason.get("FUTURE_TIMESTAMP")).containsEntry("source.offset", "5");
        assertThat(byReason.values()).allSatisfy(h -> assertThat(h.get("detail")).isNotBlank());
    }

    @Test
    void offersEachEligiblePostAsACandidateExampleOfEveryTermItNames() throws Exception {
        Instant minute = Instant.parse("2016-03-02T09:00:00Z");
        Path input = dir.resolve("examples-input");
        List<String> ids = IntStream.range(0, 60).mapToObj(i -> "ex-" + i).toList();
        List<Object[]> first = new ArrayList<>();
        List<Object[]> second = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            (i < 30 ? first : second).add(post(i, ids.get(i), "#launch great day " + i, minute.plusSeconds(i / 2)));
        }
        // ids none of which is eligible: their minute has counts and no candidate
        List<String> ineligible = IntStream.range(0, 1000).mapToObj(i -> "no-" + i)
                .filter(id -> !ExamplePosts.eligible(ExamplePosts.rank(id))).limit(3).toList();
        for (int i = 0; i < ineligible.size(); i++) {
            second.add(post(100 + i, ineligible.get(i), "#quiet", minute.plusSeconds(70 + i)));
        }
        // an eligible post dated in the future of its arrival is a dead letter, never a candidate
        String future = eligibleId("fut-");
        second.add(post(200, future, "#launch from the future", minute.plusSeconds(3_600), minute.plusSeconds(30)));
        write(input.resolve("batch=1"), first);
        List<Row> candidates = new java.util.concurrent.CopyOnWriteArrayList<>();
        StreamingQuery examples = graph(input, "examples-ck").examples().writeStream()
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (rows, id) -> candidates.addAll(rows.collectAsList()))
                .option("checkpointLocation", dir.resolve("examples-ck/examples").toString()).start();
        try {
            examples.processAllAvailable();
            assertThat(exampleOf(candidates, minute, "#launch")).isEqualTo(smallestEligible(ids.subList(0, 30)));
            write(input.resolve("batch=2"), second);
            examples.processAllAvailable();
        } finally {
            examples.stop();
        }
        List<String> eligible = ids.stream().filter(id -> ExamplePosts.eligible(ExamplePosts.rank(id))).toList();
        assertThat(eligible).isNotEmpty();
        // each eligible post once per term it names: #launch, great, day (numbers are not terms); never the total
        assertThat(candidates).hasSize(3 * eligible.size());
        assertThat(candidates.stream().map(r -> r.getString(3)).distinct()).containsExactlyInAnyOrderElementsOf(eligible);
        assertThat(candidates.stream().map(r -> r.getString(1))).doesNotContain(PostTerms.TOTAL, "#quiet");
        assertThat(exampleOf(candidates, minute, "#launch")).isEqualTo(smallestEligible(ids));
        assertThat(exampleOf(candidates, minute, "great")).isEqualTo(smallestEligible(ids));
        Row example = candidates.stream().filter(r -> r.getString(3).equals(smallestEligible(ids))).findFirst().orElseThrow();
        int i = ids.indexOf(example.getString(3));
        assertThat(example.getTimestamp(0).toInstant()).isEqualTo(minute);
        assertThat(example.getString(5)).isEqualTo("#launch great day " + i);
        assertThat(example.getString(6)).isEqualTo("positive");
        assertThat(example.getTimestamp(4).toInstant()).isEqualTo(minute.plusSeconds(i / 2));
    }

    @Test
    void leavesPostsDatedBeforeCountFromToTheBatchLayer() throws Exception {
        Instant from = Instant.parse("2016-03-03T10:00:00Z");
        Path input = dir.resolve("count-from-input");
        String oldExample = eligibleId("old-");
        String newExample = eligibleId("new-");
        write(input.resolve("batch=1"), List.of(
                post(0, "o1", "#old great", from.minusSeconds(3_600)),
                post(1, oldExample, "#old kept elsewhere", from.minusSeconds(1)),
                post(2, "n1", "#new great", from),
                post(3, newExample, "#new awful", from.plusSeconds(30))));
        SpeedPipeline.Streams streams = graph(input, "count-from-ck", from);
        VIEWS.clear();
        List<Row> candidates = new java.util.concurrent.CopyOnWriteArrayList<>();
        StreamingQuery views = streams.termCounts().writeStream().outputMode(OutputMode.Update())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (rows, id) -> rows.collectAsList()
                        .forEach(r -> VIEWS.put(key(r.getTimestamp(0).toInstant(), r.getString(1)), r)))
                .option("checkpointLocation", dir.resolve("count-from-ck/views").toString()).start();
        StreamingQuery examples = streams.examples().writeStream()
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (rows, id) -> candidates.addAll(rows.collectAsList()))
                .option("checkpointLocation", dir.resolve("count-from-ck/examples").toString()).start();
        long accepted = 0;
        long before = 0;
        try {
            views.processAllAvailable();
            examples.processAllAvailable();
            for (var progress : views.recentProgress()) {
                Row metric = progress.observedMetrics().get(SpeedPipeline.ACCEPTED_METRIC);
                if (metric != null) {
                    accepted += metric.getLong(metric.fieldIndex(SpeedPipeline.ACCEPTED_POSTS));
                    before += metric.getLong(metric.fieldIndex(SpeedPipeline.BEFORE_COUNT_FROM));
                }
            }
        } finally {
            views.stop();
            examples.stop();
        }
        assertThat(VIEWS.keySet()).as("only the minute at countFrom").allMatch(k -> k.startsWith(from + "|"));
        assertThat(counts(from)).containsEntry("#new", List.of(2L, 1L, 0L, 1L, 0L))
                .containsEntry(PostTerms.TOTAL, List.of(2L, 1L, 0L, 1L, 0L)).doesNotContainKey("#old");
        assertThat(accepted).as("accepted posts").isEqualTo(4);
        assertThat(before).as("posts left to the batch layer").isEqualTo(2);
        assertThat(candidates.stream().map(r -> r.getString(3)).distinct()).containsExactly(newExample);
    }

    private static String eligibleId(String prefix) {
        return IntStream.range(0, 1000).mapToObj(i -> prefix + i)
                .filter(id -> ExamplePosts.eligible(ExamplePosts.rank(id))).findFirst().orElseThrow();
    }

    private static SpeedPipeline.Streams graph(Path input, String checkpoints) {
        return graph(input, checkpoints, SpeedConfig.COUNT_ALL);
    }

    /** The graph over the Kafka-shaped files under {@code input}, one file per micro-batch. */
    private static SpeedPipeline.Streams graph(Path input, String checkpoints, Instant countFrom) {
        SpeedConfig cfg = new SpeedConfig("unused:9092", "posts", "posts-dlq", dir.resolve(checkpoints).toString(),
                WATERMARK, Duration.ofSeconds(1), 1_000, "earliest", EventTimeGuard.DEFAULT, "test", TrendParams.DEFAULT,
                false, KafkaSecurity.NONE, countFrom);
        Dataset<Row> kafka = spark.readStream().schema(KAFKA).option("maxFilesPerTrigger", 1)
                .option("recursiveFileLookup", "true").parquet(input.toString());
        return SpeedPipeline.build(kafka, cfg, new WordScorer());
    }

    /** The id of the example the rule of ExamplePosts picks among a minute's candidates of a term. */
    private static String exampleOf(List<Row> candidates, Instant minute, String term) {
        List<ExamplePosts.Example> of = candidates.stream()
                .filter(r -> r.getTimestamp(0).toInstant().equals(minute) && r.getString(1).equals(term))
                .map(ExampleCandidates::example).toList();
        return ExamplePosts.smallest(of, 1).stream().map(ExamplePosts.Example::id).findFirst().orElse(null);
    }

    /** The id the rule of ExamplePosts picks among these posts' ids, or null when none is eligible. */
    private static String smallestEligible(List<String> ids) {
        return ids.stream().filter(id -> ExamplePosts.eligible(ExamplePosts.rank(id)))
                .min(java.util.Comparator.comparingLong(ExamplePosts::rank).thenComparing(id -> id)).orElse(null);
    }

    /** term → [posts, positive, neutral, negative, unscored] of one minute. */
    private static Map<String, List<Long>> counts(Instant minute) {
        String prefix = minute + "|";
        return VIEWS.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).collect(Collectors.toMap(
                e -> e.getKey().substring(prefix.length()),
                e -> List.of(e.getValue().getLong(3), e.getValue().getLong(4), e.getValue().getLong(5),
                        e.getValue().getLong(6), e.getValue().getLong(7))));
    }

    private static String key(Instant bucket, String term) {
        return bucket + "|" + term;
    }

    private static Object[] post(long offset, String id, String text, Instant createdAt) {
        return post(offset, id, text, createdAt, createdAt.plusSeconds(1));
    }

    private static Object[] post(long offset, String id, String text, Instant createdAt, Instant arrived) {
        return record(offset, CODEC.encode(Post.ofText(id, "twitter", "author", text, "en", createdAt)), arrived);
    }

    private static Object[] raw(long offset, String value, Instant arrived) {
        return record(offset, value.getBytes(StandardCharsets.UTF_8), arrived);
    }

    private static Object[] record(long offset, byte[] value, Instant arrived) {
        return new Object[]{null, value, "posts", 0, offset, Timestamp.from(arrived)};
    }

    private static void write(Path path, List<Object[]> records) {
        List<Row> rows = new ArrayList<>();
        records.forEach(r -> rows.add(RowFactory.create(r)));
        spark.createDataFrame(rows, KAFKA).coalesce(1).write().parquet(path.toString());
    }

    /** Labels by word, so that the split is known: "great" positive, "awful" negative, the rest neutral. */
    private static final class WordScorer implements SentimentScorer {
        private static final long serialVersionUID = 1L;

        @Override
        public List<Sentiment> label(List<String> texts) {
            return texts.stream().map(t -> t.contains("great") ? Sentiment.POSITIVE
                    : t.contains("awful") ? Sentiment.NEGATIVE : Sentiment.NEUTRAL).toList();
        }

        @Override
        public String version() {
            return "words";
        }
    }
}
