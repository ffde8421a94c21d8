package io.caspian.sources;

import io.caspian.events.KeyedRawRecord;
import io.caspian.events.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Keeps a record of a compacted topic with its key: a tombstone (null value) deletes what its key
 * names, so the value alone would lose it. Parsing happens downstream, where a bad record is
 * dead-lettered with its origin. A key that is not UTF-8 is kept as base64, which names no rule.
 */
public final class KeyedRawRecordDeserializer implements KafkaRecordDeserializationSchema<KeyedRawRecord> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KeyedRawRecord> out) {
        RawRecord raw = ReceivedRecords.of(record);
        if (record.value() == null) {
            raw = new RawRecord(raw.source(), raw.partition(), raw.offset(), raw.timestampMillis(), null, RawRecord.UTF_8, 0);
        }
        String key = null;
        if (record.key() != null) {
            key = ReceivedRecords.strictUtf8(record.key());
            if (key == null) {
                key = "base64:" + java.util.Base64.getEncoder().encodeToString(record.key());
            }
        }
        out.collect(new KeyedRawRecord(key, raw));
    }

    @Override
    public TypeInformation<KeyedRawRecord> getProducedType() {
        return TypeInformation.of(KeyedRawRecord.class);
    }
}
