package io.trendwatch.batch.cli;

import io.trendwatch.batch.master.KafkaArchiver;
import io.trendwatch.core.config.KafkaAddress;
import io.trendwatch.core.config.KafkaSecurity;
import io.trendwatch.core.post.EventTimeGuard;
import io.trendwatch.core.time.Durations;
import picocli.CommandLine.Option;

/** Where the posts topic is. */
public final class KafkaOptions {

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: $TRENDWATCH_KAFKA or 127.0.0.1:9092)")
    String bootstrap;

    @Option(names = "--topic", defaultValue = "posts", description = "Posts topic (default: ${DEFAULT-VALUE})")
    String topic;

    @Option(names = "--max-future-skew", defaultValue = "5m",
            description = "A post dated more than this after it reached Kafka is not archived (FUTURE_TIMESTAMP), "
                    + "the speed layer's rule (default: ${DEFAULT-VALUE})")
    String maxFutureSkew;

    @Option(names = "--accept-data-loss",
            description = "Archive what is left when records were deleted by the topic's retention before they were archived "
                    + "(the loss is recorded in the offset log); without it the run fails and names the offsets")
    boolean acceptDataLoss;

    KafkaArchiver archiver() {
        return new KafkaArchiver(KafkaAddress.bootstrap(bootstrap),
                topic, new EventTimeGuard(Durations.parse(maxFutureSkew)), acceptDataLoss, KafkaSecurity.fromEnvironment());
    }
}
