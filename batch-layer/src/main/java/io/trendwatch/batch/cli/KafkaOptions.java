package io.trendwatch.batch.cli;

import io.trendwatch.batch.master.KafkaArchiver;
import io.trendwatch.core.config.PostsTopicOptions;
import io.trendwatch.core.config.KafkaSecurity;
import io.trendwatch.core.post.EventTimeGuard;
import io.trendwatch.core.time.Durations;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the posts topic is, and what archiving it accepts. */
public final class KafkaOptions {

    @Mixin
    PostsTopicOptions posts;

    @Option(names = "--max-future-skew", defaultValue = "5m",
            description = "A post dated more than this after it reached Kafka is not archived (FUTURE_TIMESTAMP), "
                    + "the speed layer's rule (default: ${DEFAULT-VALUE})")
    String maxFutureSkew;

    @Option(names = "--accept-data-loss",
            description = "Archive what is left when records were deleted by the topic's retention before they were archived "
                    + "(the loss is recorded in the offset log); without it the run fails and names the offsets")
    boolean acceptDataLoss;

    KafkaArchiver archiver() {
        return new KafkaArchiver(posts.bootstrap(), posts.topic(), new EventTimeGuard(Durations.parse(maxFutureSkew)), acceptDataLoss, KafkaSecurity.fromEnvironment());
    }
}
