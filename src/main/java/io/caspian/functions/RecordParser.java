package io.caspian.functions;

import io.caspian.events.json.InvalidRecordException;
import java.io.Serializable;

/** Turns one payload into an event, or says precisely why it cannot. */
@FunctionalInterface
public interface RecordParser<T> extends Serializable {
    T parse(String payload) throws InvalidRecordException;
}
