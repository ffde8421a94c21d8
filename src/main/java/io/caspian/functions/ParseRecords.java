package io.caspian.functions;

import io.caspian.events.DeadLetter;
import io.caspian.events.Origin;
import io.caspian.events.RawRecord;
import io.caspian.events.json.InvalidRecordException;
import io.caspian.metrics.DeadLetterCounters;
import io.caspian.validation.InputLimits;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The door of every input: checks a raw record's size and encoding, parses it, holds every event it
 * yields to the {@link InputLimits}, and stamps each with its {@link Origin}, so that a later stage can
 * still dead-letter it as received. A record that fails goes to the dead-letter side output with its
 * payload, origin and the precise reason, and is counted by reason; the stream goes on.
 */
public class ParseRecords<T> extends ProcessFunction<RawRecord, T> {

    /**
     * Characters of payload that the events of one record may carry along in all; past that (a large
     * record that yielded many events) each event keeps only its origin's coordinates.
     */
    static final int ORIGIN_PAYLOAD_BUDGET = 64 * 1024;

    /** Turns one payload into any number of events (a carbon history holds many readings). */
    @FunctionalInterface
    public interface ManyRecordsParser<T> extends Serializable {
        List<T> parse(String payload) throws InvalidRecordException;
    }

    /** Holds one parsed event to the limits. */
    @FunctionalInterface
    public interface Check<T> extends Serializable {
        void check(InputLimits limits, T event) throws InvalidRecordException;
    }

    /** Attaches the origin to an event that carries one. */
    @FunctionalInterface
    public interface Stamp<T> extends Serializable {
        T with(T event, Origin origin);
    }

    private final ManyRecordsParser<T> parser;
    private final InputLimits limits;
    private final Check<T> check;
    private final Stamp<T> stamp;
    private transient DeadLetterCounters deadLetters;
    private transient Counter parsed;

    private ParseRecords(ManyRecordsParser<T> parser, InputLimits limits, Check<T> check, Stamp<T> stamp) {
        this.parser = parser;
        this.limits = limits;
        this.check = check;
        this.stamp = stamp;
    }

    /** One event per record. */
    public static <T> ParseRecords<T> one(RecordParser<T> parser, InputLimits limits, Check<T> check, Stamp<T> stamp) {
        return new ParseRecords<>(payload -> List.of(parser.parse(payload)), limits, check, stamp);
    }

    /** A payload may yield many events; it is refused as a whole when any part of it is bad. */
    public static <T> ParseRecords<T> many(ManyRecordsParser<T> parser, InputLimits limits, Check<T> check, Stamp<T> stamp) {
        return new ParseRecords<>(parser, limits, check, stamp);
    }

    @Override
    public void open(OpenContext openContext) {
        deadLetters = new DeadLetterCounters(getRuntimeContext().getMetricGroup());
        parsed = getRuntimeContext().getMetricGroup().counter("recordsParsed");
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<T> out) {
        List<T> events;
        try {
            limits.checkReceived(raw);
            events = parser.parse(raw.payload());
            for (T event : events) {
                check.check(limits, event);
            }
        } catch (InvalidRecordException e) {
            refuse(raw, ctx, e.reason(), e.getMessage());
            return;
        } catch (RuntimeException | StackOverflowError e) {
            // a parser bug (or a nesting deep enough to exhaust the stack) must not stop the job or lose
            // the record: it is dead-lettered with its cause
            refuse(raw, ctx, "parse_error", e.toString());
            return;
        }
        Origin origin = Origin.of(raw);
        if (events.size() > 1 && raw.payload() != null && (long) raw.payload().length() * events.size() > ORIGIN_PAYLOAD_BUDGET) {
            origin = origin.withoutPayload();
        }
        for (T event : events) {
            out.collect(stamp.with(event, origin));
        }
        parsed.inc(events.size());
    }

    private void refuse(RawRecord raw, Context ctx, String reason, String detail) {
        deadLetters.count(reason);
        ctx.output(OutputTags.DEAD_LETTERS, DeadLetter.of(raw, DeadLetter.PARSE, reason, detail));
    }
}
