package io.trendwatch.serving;

import io.trendwatch.core.config.KafkaAddress;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Properties;

/** A producer to the suite's broker that neither loses nor repeats a record (idempotent, acks from all replicas). */
final class TestProducer {

    private TestProducer() {
    }

    static KafkaProducer<byte[], byte[]> open() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaAddress.bootstrap(System.getenv()));
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
