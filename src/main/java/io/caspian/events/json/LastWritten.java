package io.caspian.events.json;

import java.util.function.Function;

/**
 * Hands back the text of the record a thread wrote last when it is asked for an equal record again.
 * An output's size check ({@code FitOutput}) and its Kafka sink run chained in one task thread, and
 * each writes the same record (the sink a copy of it): the second write is the first's text. Records
 * are immutable and their text is a function of their value, so an equal record has the same text.
 * One record and its text are kept per thread.
 */
final class LastWritten<T> {

    private final Function<T, String> writer;
    private final ThreadLocal<Object[]> last = ThreadLocal.withInitial(() -> new Object[2]);

    LastWritten(Function<T, String> writer) {
        this.writer = writer;
    }

    String write(T record) {
        Object[] slot = last.get();
        if (record.equals(slot[0])) {
            return (String) slot[1];
        }
        String text = writer.apply(record);
        slot[0] = record;
        slot[1] = text;
        return text;
    }
}
