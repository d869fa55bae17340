package dev.inspectorate.messaging;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's producers: an idempotent, acks=all one for dead letters, and transactional ones for the outbox
 * relay. Timeouts are short so that, with the broker down, a send fails within seconds and is retried.
 */
@ApplicationScoped
public class KafkaProducers {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "inspection-platform")
    String applicationName;

    private volatile Producer<String, byte[]> producer;

    public Producer<String, byte[]> producer() {
        Producer<String, byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = create();
                }
                p = producer;
            }
        }
        return p;
    }

    /**
     * A new transactional producer for the relay of one topic, its transactions initialised. Its transactional id
     * is stable, so a new producer fences any earlier one that is still around (a previous attempt, another
     * instance) and the broker aborts that one's open transaction.
     */
    public Producer<String, byte[]> transactional(String topic) {
        Properties props = config();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-relay-" + topic);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, applicationName + "-relay-" + topic);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
        Producer<String, byte[]> p = new KafkaProducer<>(props);
        try {
            p.initTransactions();
        } catch (RuntimeException e) {
            p.close(Duration.ZERO);
            throw e;
        }
        return p;
    }

    private Producer<String, byte[]> create() {
        Properties props = config();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-dead-letters");
        return new KafkaProducer<>(props);
    }

    private Properties config() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    @PreDestroy
    void close() {
        Producer<String, byte[]> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }
}
