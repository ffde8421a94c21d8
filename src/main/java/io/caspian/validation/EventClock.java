package io.caspian.validation;

import java.io.Serializable;

/**
 * The job's own idea of "now" in event time, against which a record's timestamp is checked at the
 * door: a record far ahead of it would move event time for every input behind it.
 */
@FunctionalInterface
public interface EventClock extends Serializable {

    long nowMillis();

    /** Streaming: the wall clock of the machine that parses. */
    static EventClock wall() {
        return System::currentTimeMillis;
    }

    /** A bounded run whose inputs end at a known time (a back-test's trace). */
    static EventClock fixedAt(long millis) {
        return () -> millis;
    }
}
