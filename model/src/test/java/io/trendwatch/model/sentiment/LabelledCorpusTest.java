package io.trendwatch.model.sentiment;

import io.trendwatch.core.source.Snowflake;
import io.trendwatch.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LabelledCorpusTest {

    @Test
    void theRealFilesSplitDisjointlyAndTheSameEveryTime() throws Exception {
        LabelledCorpus corpus = LabelledCorpus.read(SharedData.subtaskA());
        assertThat(corpus.tweets()).hasSizeGreaterThan(49_000);
        assertThat(corpus.duplicates()).isPositive();
        LabelledCorpus.Split a = corpus.split(10, 10);
        LabelledCorpus.Split b = corpus.split(10, 10);
        assertThat(a).isEqualTo(b);
        Set<Long> ids = new HashSet<>();
        a.train().forEach(t -> ids.add(t.id()));
        a.dev().forEach(t -> assertThat(ids.add(t.id())).isTrue());
        a.holdout().forEach(t -> assertThat(ids.add(t.id())).isTrue());
        assertThat(ids).hasSize(corpus.tweets().size());
        assertThat((double) a.holdout().size() / corpus.tweets().size()).isBetween(0.09, 0.11);
    }

    @Test
    void tweetsFromTheEvaluationWindowAreRefused(@TempDir Path dir) throws Exception {
        long old = Snowflake.idAt(Instant.parse("2015-06-01T10:00:00Z"), 1);
        long eval = Snowflake.idAt(Instant.parse("2016-11-20T10:00:00Z"), 1);
        Files.writeString(dir.resolve("a.tsv"), old + "\tpositive\tgreat day\n" + eval + "\tnegative\tawful\n"
                + old + "\tneutral\tsame id again\n");
        LabelledCorpus corpus = LabelledCorpus.read(dir);
        assertThat(corpus.tweets()).extracting(LabelledTweet::id).containsExactly(old);
        assertThat(corpus.refusedEvaluationWindow()).isEqualTo(1);
        assertThat(corpus.duplicates()).isEqualTo(1);
    }

    @Test
    void theTimeSplitTrainsAndTunesOnlyOnTweetsBeforeTheCutAndTheDevIsTheirLatest() throws Exception {
        LabelledCorpus corpus = LabelledCorpus.read(SharedData.subtaskA());
        LabelledCorpus.Split s = corpus.splitByTime(LabelledCorpus.TIME_CUT, 10);
        assertThat(s.holdout()).hasSize(11_566);
        assertThat(s.train().size() + s.dev().size() + s.holdout().size()).isEqualTo(corpus.tweets().size());
        Instant lastTrain = Snowflake.createdAt(s.train().get(s.train().size() - 1).id());
        Instant firstDev = Snowflake.createdAt(s.dev().get(0).id());
        Instant lastDev = Snowflake.createdAt(s.dev().get(s.dev().size() - 1).id());
        assertThat(lastTrain).isBeforeOrEqualTo(firstDev);
        assertThat(lastDev).isBefore(LabelledCorpus.TIME_CUT);
        assertThat(s.holdout()).allSatisfy(t -> assertThat(Snowflake.createdAt(t.id())).isAfterOrEqualTo(LabelledCorpus.TIME_CUT)
                .isBefore(Instant.parse("2016-11-01T00:00:00Z")));
        assertThat(s.dev().size()).isEqualTo((s.train().size() + s.dev().size()) / 10);
    }
}
