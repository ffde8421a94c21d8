package io.caspian.functions;

import io.caspian.events.DeadLetter;
import io.caspian.metrics.DeadLetterCounters;
import io.caspian.validation.InputLimits;
import java.io.Serializable;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps a sink from ever failing the job over one record: an output record whose JSON is larger than
 * {@code limits.output-record-bytes} (below Kafka's request limit and Elasticsearch's document limit)
 * goes to the dead letters, cut, with its size and hash, and everything else passes unchanged.
 */
public class FitOutput<T> extends ProcessFunction<T, T> {

    public static final String OUTPUT_TOO_LARGE = "output_too_large";

    /** Writes an output record as the sinks will. */
    @FunctionalInterface
    public interface JsonWriter<T> extends Serializable {
        String write(T record);
    }

    /** Reads an output record's event time. */
    @FunctionalInterface
    public interface EventTime<T> extends Serializable {
        long millis(T record);
    }

    private final String output;
    private final JsonWriter<T> json;
    private final EventTime<T> time;
    private final long maxBytes;
    private transient DeadLetterCounters deadLetters;

    public FitOutput(String output, JsonWriter<T> json, EventTime<T> time, long maxBytes) {
        this.output = output;
        this.json = json;
        this.time = time;
        this.maxBytes = maxBytes;
    }

    @Override
    public void open(OpenContext openContext) {
        deadLetters = new DeadLetterCounters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(T record, Context ctx, Collector<T> out) {
        String text = json.write(record);
        long bytes = InputLimits.utf8Bytes(text, maxBytes);
        if (bytes <= maxBytes) {
            out.collect(record);
            return;
        }
        deadLetters.count(OUTPUT_TOO_LARGE);
        ctx.output(OutputTags.DEAD_LETTERS, DeadLetter.generated(output, time.millis(record), text, DeadLetter.OUTPUT,
                OUTPUT_TOO_LARGE, "this " + output + " record is " + bytes + " bytes as JSON, more than limits.output-record-bytes ("
                        + maxBytes + "); it was not written to the " + output + " outputs"));
    }
}
