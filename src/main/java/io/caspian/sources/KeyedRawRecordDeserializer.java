package io.caspian.sources;

import io.caspian.events.KeyedRawRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Keeps a record of a compacted topic with its key: a tombstone (null value) deletes what its key
 * names, so the value alone would lose it. Parsing happens downstream, where a bad record is
 * dead-lettered with its origin.
 */
public final class KeyedRawRecordDeserializer implements KafkaRecordDeserializationSchema<KeyedRawRecord> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KeyedRawRecord> out) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        String payload = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        out.collect(new KeyedRawRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), key, payload));
    }

    @Override
    public TypeInformation<KeyedRawRecord> getProducedType() {
        return TypeInformation.of(KeyedRawRecord.class);
    }
}
