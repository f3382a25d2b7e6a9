package io.trendwatch.batch.cli;

import io.trendwatch.batch.topics.TopicJob;
import io.trendwatch.batch.topics.TopicModeling;
import io.trendwatch.batch.topics.TopicParams;
import io.trendwatch.core.ExitCodes;
import io.trendwatch.model.cli.ModelsDirOption;
import io.trendwatch.model.registry.ModelsDir;
import io.trendwatch.store.CassandraSettings;
import io.trendwatch.store.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/** {@code trendwatch batch topics --day D}: the topic model of one day, written for the API. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {"Fit the topic model (Spark MLlib LDA) on one day of the master dataset (on a sample of at most "
                + "--sample posts) and write the day's topics, their top terms and their shares of all the day's "
                + "posts for the API (replacing that day's topics).",
                "Each run is registered as a 'topics' model version, its artifact under the models folder."})
public final class TopicsCommand implements Callable<Integer> {

    @Mixin
    BatchOptions options;

    @Option(names = "--day", required = true, description = "The day, e.g. 2015-09-09 (UTC)")
    String day;

    @Option(names = "--k", description = "Number of topics (default: 10)")
    int k = TopicParams.DEFAULT.k();

    @Option(names = "--vocab", description = "Most frequent terms kept (default: 5000)")
    int vocab = TopicParams.DEFAULT.vocab();

    @Option(names = "--min-df", description = "A term must be in at least this many posts (default: 3)")
    int minDf = TopicParams.DEFAULT.minDf();

    @Option(names = "--max-iter", description = "LDA iterations (default: 30)")
    int maxIter = TopicParams.DEFAULT.maxIter();

    @Option(names = "--sample", description = "Most posts the topics are fitted on; every post of the day then "
            + "counts in the shares (default: 50000)")
    int sample = TopicParams.DEFAULT.sample();

    @Mixin
    ModelsDirOption modelsDir;

    @Override
    public Integer call() throws Exception {
        LocalDate d;
        try {
            d = LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            System.err.println("--day must be a date such as 2015-09-09, got '" + day + "'");
            return ExitCodes.BAD_INPUT;
        }
        TopicParams params = new TopicParams(k, vocab, minDf, maxIter, TopicParams.DEFAULT.topTerms(),
                TopicParams.DEFAULT.seed(), sample);
        CassandraSettings cassandra = options.cassandra();
        ModelsDir models = modelsDir.models();
        Migrations.apply(cassandra);
        TopicJob.Result r = new TopicJob(options.spark(), options.master(), Sessions.get(cassandra),
                cassandra.keyspace(), models).run(d, params);
        System.out.printf("topics of %s: %d posts, %d topics fitted on %d of them, model %s (log perplexity %.3f)%n",
                r.day(), r.posts(), r.fitted().topics().size(), r.fitted().sampled(), r.version(),
                r.fitted().logPerplexity());
        for (TopicModeling.Topic t : r.fitted().topics()) {
            System.out.printf("  %2d  %5.1f%%  %s%n", t.topic(), 100 * t.share(), String.join(" ", t.terms()));
        }
        return 0;
    }
}
