package io.caspian.bench;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.event.WatermarkEvent;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.LatencyMarker;
import org.apache.flink.streaming.runtime.streamrecord.RecordAttributes;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * An operator's output for a benchmark: each record, main or side, is serialized once into a reused buffer,
 * as a task's network output does, with one serializer per stream made once. The test harness's own
 * output instead copies every record and builds a new serializer for every side-output record, which
 * for a round's thousands of decisions costs more than the round itself and is nothing a job pays.
 * Records are counted, and the last of each side output is kept, so the benchmark can check the round.
 */
final class SerializingOutput<OUT> implements Output<StreamRecord<OUT>> {

    private final TypeSerializer<OUT> serializer;
    private final Map<OutputTag<?>, TypeSerializer<?>> sideSerializers = new HashMap<>();
    private final Map<String, Object> lastSide = new HashMap<>();
    private final DataOutputSerializer buffer = new DataOutputSerializer(64 * 1024);
    private long records;
    private long bytes;

    SerializingOutput(TypeSerializer<OUT> serializer) {
        this.serializer = serializer;
    }

    @Override
    public void collect(StreamRecord<OUT> record) {
        write(serializer, record.getValue());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <X> void collect(OutputTag<X> tag, StreamRecord<X> record) {
        TypeSerializer<X> side = (TypeSerializer<X>) sideSerializers.computeIfAbsent(tag,
                t -> t.getTypeInfo().createSerializer(new SerializerConfigImpl()));
        write(side, record.getValue());
        lastSide.put(tag.getId(), record.getValue());
    }

    private <X> void write(TypeSerializer<X> with, X value) {
        buffer.clear();
        try {
            with.serialize(value, buffer);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        records++;
        bytes += buffer.length();
    }

    /** The last record of a side output, or null when it had none. */
    @SuppressWarnings("unchecked")
    <X> X last(OutputTag<X> tag) {
        return (X) lastSide.get(tag.getId());
    }

    long records() {
        return records;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void emitWatermark(Watermark mark) {}

    @Override
    public void emitWatermarkStatus(WatermarkStatus status) {}

    @Override
    public void emitLatencyMarker(LatencyMarker marker) {}

    @Override
    public void emitRecordAttributes(RecordAttributes attributes) {}

    @Override
    public void emitWatermark(WatermarkEvent event) {}

    @Override
    public void close() {}
}
