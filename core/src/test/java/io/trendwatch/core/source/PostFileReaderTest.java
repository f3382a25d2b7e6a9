package io.trendwatch.core.source;

import io.trendwatch.core.post.ParseResult;
import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.post.RejectReason;
import io.trendwatch.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostFileReaderTest {

    private final PostFileReader reader = new PostFileReader(new PostCodec());

    private List<SourceRecord> read(Path f, PostFormat format) throws IOException {
        List<SourceRecord> out = new ArrayList<>();
        reader.read(f, format, out::add);
        return out;
    }

    @Test
    void readsEverySemEvalLineOfSubtaskA() throws IOException {
        List<Path> files = SharedData.tsvFiles(SharedData.subtaskA());
        long accepted = 0;
        for (Path f : files) {
            for (SourceRecord r : read(f, PostFormat.SEMEVAL)) {
                assertThat(r.result()).as(f + ":" + r.line()).isInstanceOf(ParseResult.Accepted.class);
                accepted++;
            }
        }
        // one file lacks its final newline, so `wc -l` says one less than there are tweets
        assertThat(accepted).isEqualTo(SharedData.countNonBlankLines(files));
    }

    @Test
    void keepsTabsInsideTextAndReadsTimeFromTheSnowflakeId() {
        String line = SharedData.lineWithId(SharedData.subtaskA(), "626437371999977472");
        SemEvalTweet t = SemEvalTweet.parse(line);
        assertThat(line.split("\t")).hasSizeGreaterThan(3);
        assertThat(t.text()).contains("\t").startsWith("...Yakub");
        Post p = t.toPost();
        assertThat(p.createdAt()).isEqualTo(Instant.ofEpochMilli((626437371999977472L >> 22) + 1288834974657L));
        assertThat(p.createdAt()).isBetween(Instant.parse("2015-07-29T00:00:00Z"), Instant.parse("2015-07-31T00:00:00Z"));
    }

    @Test
    void readsTheTopicLayoutOfSubtaskBD() {
        String line = SharedData.lineWithId(SharedData.subtaskBD(), "628949369883000832");
        SemEvalTweet t = SemEvalTweet.parse(line);
        assertThat(t.topic()).isEqualTo("@microsoft");
        assertThat(t.label()).isEqualTo("negative");
        assertThat(t.text()).startsWith("dear @Microsoft");
    }

    @Test
    void reportsBadLinesWithTheirNumbersAndGoesOn(@TempDir Path dir) throws IOException {
        PostCodec codec = new PostCodec();
        Post good = Post.ofText("1", "twitter", "a", "hello #world", "en", Instant.parse("2016-11-25T00:00:00Z"));
        Path f = dir.resolve("posts.jsonl");
        byte[] bad = {'{', (byte) 0xff, '}'};
        try (var out = Files.newOutputStream(f)) {
            out.write(codec.encode(good));
            out.write("\n\n{\"id\":1}\r\n".getBytes(StandardCharsets.UTF_8));
            out.write(bad);
            out.write('\n');
            out.write(codec.encode(good));   // no final newline
        }
        List<SourceRecord> records = read(f, PostFormat.JSONL);
        assertThat(records).extracting(SourceRecord::line).containsExactly(1L, 3L, 4L, 5L);
        assertThat(records.get(0).result()).isEqualTo(ParseResult.accepted(good));
        assertThat(((ParseResult.Rejected) records.get(1).result()).reason()).isEqualTo(RejectReason.WRONG_TYPE);
        assertThat(((ParseResult.Rejected) records.get(2).result()).reason()).isEqualTo(RejectReason.INVALID_UTF8);
        assertThat(records.get(3).result()).isEqualTo(ParseResult.accepted(good));
        assertThat(PostFileReader.countRecords(f, PostFormat.JSONL)).isEqualTo(4);
    }

    @Test
    void readsCsvWithQuotedTextAndSpaceSeparatedEntities(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("posts.csv");
        Files.writeString(f, """
                id,platform,author,text,language,created_at,hashtags
                1,twitter,jane,"Big ""sale"", today
                only #Sale",en,2016-11-25T10:00:00Z,Sale Promo
                2,twitter,joe,no time,en,,
                3,facebook,ann,plain #tag,,2016-11-25T11:00:00+01:00,
                """);
        List<SourceRecord> records = read(f, PostFormat.CSV);
        assertThat(records).extracting(SourceRecord::line).containsExactly(2L, 4L, 5L);
        Post first = ((ParseResult.Accepted) records.get(0).result()).post();
        assertThat(first.text()).isEqualTo("Big \"sale\", today\nonly #Sale");
        assertThat(first.hashtags()).containsExactly("Sale", "Promo");
        assertThat(((ParseResult.Rejected) records.get(1).result()).reason()).isEqualTo(RejectReason.MISSING_FIELD);
        Post third = ((ParseResult.Accepted) records.get(2).result()).post();
        assertThat(third.createdAt()).isEqualTo(Instant.parse("2016-11-25T10:00:00Z"));
        assertThat(third.language()).isEqualTo("und");
        assertThat(third.hashtags()).isEmpty();
    }

    @Test
    void csvWithoutRequiredColumnsIsRefused(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, "id,body\n1,hi\n");
        assertThatThrownBy(() -> read(f, PostFormat.CSV)).hasMessageContaining("'text'");
    }

    @Test
    void semEvalLinesWithoutALabelAreRejected(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.tsv");
        Files.writeString(f, "12345\tnegative\tok text\nabc\tneutral\tx\n12346\tmaybe\ttext\n");
        List<SourceRecord> records = read(f, PostFormat.SEMEVAL);
        assertThat(records.get(0).result().isAccepted()).isTrue();
        assertThat(records.get(1).result().toString()).contains("MALFORMED_LINE", "'abc'");
        assertThat(records.get(2).result().toString()).contains("no sentiment label");
    }

    @Test
    void detectsFormatsFromNames() {
        assertThat(PostFormat.detect(Path.of("a.jsonl.gz"))).isEqualTo(PostFormat.JSONL);
        assertThat(PostFormat.detect(Path.of("a.CSV"))).isEqualTo(PostFormat.CSV);
        assertThat(PostFormat.detect(Path.of("twitter-2016dev-A.tsv"))).isEqualTo(PostFormat.SEMEVAL);
        assertThatThrownBy(() -> PostFormat.detect(Path.of("a.parquet"))).hasMessageContaining("--format");
    }
}
