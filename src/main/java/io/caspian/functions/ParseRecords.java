package io.caspian.functions;

import io.caspian.events.DeadLetter;
import io.caspian.events.RawRecord;
import io.caspian.events.json.InvalidRecordException;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Parses and validates raw input records. A record that fails goes to the dead-letter side output
 * with its payload, origin and the precise reason, and is counted; the stream goes on.
 */
public class ParseRecords<T> extends ProcessFunction<RawRecord, T> {

    public static final String DEAD_LETTER_COUNTER = "deadLetters";

    /** Turns one payload into any number of events (a carbon history holds many readings). */
    @FunctionalInterface
    public interface ManyRecordsParser<T> extends java.io.Serializable {
        List<T> parse(String payload) throws InvalidRecordException;
    }

    private final ManyRecordsParser<T> parser;
    private transient Counter deadLetters;
    private transient Counter parsed;

    public ParseRecords(RecordParser<T> parser) {
        this.parser = payload -> List.of(parser.parse(payload));
    }

    private ParseRecords(ManyRecordsParser<T> parser, boolean many) {
        this.parser = parser;
    }

    /** A payload may yield many events; it is refused as a whole when any part of it is bad. */
    public static <T> ParseRecords<T> many(ManyRecordsParser<T> parser) {
        return new ParseRecords<>(parser, true);
    }

    @Override
    public void open(OpenContext openContext) {
        deadLetters = getRuntimeContext().getMetricGroup().counter(DEAD_LETTER_COUNTER);
        parsed = getRuntimeContext().getMetricGroup().counter("recordsParsed");
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<T> out) {
        try {
            List<T> events = parser.parse(raw.payload());
            events.forEach(out::collect);
            parsed.inc(events.size());
        } catch (InvalidRecordException e) {
            deadLetters.inc();
            ctx.output(OutputTags.DEAD_LETTERS, new DeadLetter(raw.source(), raw.partition(), raw.offset(),
                    raw.timestampMillis(), raw.payload(), e.reason(), e.getMessage()));
        } catch (RuntimeException e) {
            // a parser bug must not stop the job or lose the record: it is dead-lettered with its cause
            deadLetters.inc();
            ctx.output(OutputTags.DEAD_LETTERS, new DeadLetter(raw.source(), raw.partition(), raw.offset(),
                    raw.timestampMillis(), raw.payload(), "parse_error", e.toString()));
        }
    }
}
