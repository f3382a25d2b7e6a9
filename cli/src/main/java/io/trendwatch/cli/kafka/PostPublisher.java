package io.trendwatch.cli.kafka;

import io.trendwatch.core.post.Post;
import io.trendwatch.core.post.PostCodec;
import io.trendwatch.core.config.KafkaSecurity;
import io.trendwatch.core.config.KafkaUnavailableException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes posts in the wire format, keyed by post id, with an idempotent
 * producer (a retried send is not duplicated in the log). Send failures are
 * counted and the first one is kept, so callers can fail loudly at the end.
 */
public final class PostPublisher implements AutoCloseable {

    private final KafkaSettings settings;
    private final PostCodec codec;
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    private PostPublisher(KafkaSettings settings, PostCodec codec, KafkaProducer<String, byte[]> producer) {
        this.settings = settings;
        this.codec = codec;
        this.producer = producer;
    }

    /** Checks the broker, creates the topics if needed, and opens a producer. */
    public static PostPublisher open(KafkaSettings settings, PostCodec codec) {
        ensureTopics(settings);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000,
                ProducerConfig.CLIENT_ID_CONFIG, "trendwatch-publisher");
        return new PostPublisher(settings, codec, new KafkaProducer<>(KafkaSecurity.fromEnvironment().with(config),
                new StringSerializer(), new ByteArraySerializer()));
    }

    /**
     * Creates the posts and dead-letter topics when they do not exist yet, replicated as the brokers' {@code
     * default.replication.factor} says (1 on the local broker, 3 on the loopback cluster and in production).
     */
    public static void ensureTopics(KafkaSettings settings) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(KafkaSecurity.fromEnvironment().with(config))) {
            Set<String> existing;
            try {
                existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof org.apache.kafka.common.errors.AuthenticationException) {
                    throw new KafkaUnavailableException("Kafka at " + settings.bootstrapServers() + " refused the login ("
                            + e.getCause().getMessage() + "): set TRENDWATCH_KAFKA_SECURITY_PROTOCOL, TRENDWATCH_KAFKA_USERNAME "
                            + "and TRENDWATCH_KAFKA_PASSWORD", e);
                }
                throw new KafkaUnavailableException("Kafka is not reachable at " + settings.bootstrapServers()
                        + ". Start it with 'bin/trendwatch infra up' (or set TRENDWATCH_KAFKA to where it runs; a broker that "
                        + "needs a login closes the connection: set TRENDWATCH_KAFKA_SECURITY_PROTOCOL and its credentials).", e);
            } catch (TimeoutException e) {
                throw new KafkaUnavailableException("Kafka is not reachable at " + settings.bootstrapServers()
                        + ". Start it with 'bin/trendwatch infra up' (or set TRENDWATCH_KAFKA to where it runs; a broker that "
                        + "needs a login closes the connection: set TRENDWATCH_KAFKA_SECURITY_PROTOCOL and its credentials).", e);
            }
            for (String topic : List.of(settings.postsTopic(), settings.deadLetterTopic())) {
                if (!existing.contains(topic)) {
                    try {
                        admin.createTopics(List.of(new NewTopic(topic, Optional.of(settings.partitions()), Optional.empty())))
                                .all().get(30, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw new IllegalStateException("could not create topic " + topic + ": " + e.getCause(), e);
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking Kafka", e);
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not answer in time at " + settings.bootstrapServers(), e);
        }
    }

    public void publish(Post post) {
        producer.send(new ProducerRecord<>(settings.postsTopic(), post.id(), codec.encode(post)), (meta, error) -> {
            if (error == null) {
                sent.incrementAndGet();
            } else {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, error);
            }
        });
    }

    /** Waits until every post handed over so far is acknowledged (or failed). */
    public void flush() {
        producer.flush();
    }

    public long sent() {
        return sent.get();
    }

    public long failed() {
        return failed.get();
    }

    public Exception firstFailure() {
        return firstFailure.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
