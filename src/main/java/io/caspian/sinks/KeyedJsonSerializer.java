package io.caspian.sinks;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes an event as a JSON value under a key, so that every record of one entity (a job, an event id)
 * lands in one partition in order, and compaction or idempotent consumers can rely on the key.
 */
public final class KeyedJsonSerializer<T> implements KafkaRecordSerializationSchema<T> {

    /** Reads one text field of an event. */
    @FunctionalInterface
    public interface Field<T> extends Serializable {
        String of(T event);
    }

    private final String topic;
    private final Field<T> key;
    private final Field<T> json;

    public KeyedJsonSerializer(String topic, Field<T> key, Field<T> json) {
        this.topic = topic;
        this.key = key;
        this.json = json;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T event, KafkaSinkContext context, Long timestamp) {
        String keyText = key.of(event);
        return new ProducerRecord<>(topic, null, timestamp, keyText == null ? null : keyText.getBytes(StandardCharsets.UTF_8),
                json.of(event).getBytes(StandardCharsets.UTF_8));
    }
}
