package io.caspian.sources;

import io.caspian.events.RawRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Keeps a Kafka record as it came: topic, partition, offset, record time and the value as text.
 * Nothing is parsed here, so a bad value can never fail the source: the parse step dead-letters it
 * with its origin. A tombstone (null value) becomes an empty payload, which parsing refuses.
 */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        String payload = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        out.collect(new RawRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), payload));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
