package io.caspian.sinks.elasticsearch;

import java.io.Serializable;

/**
 * How one output stream is indexed: its name (which names its indices and its index template), how a
 * record becomes JSON, its document id, and its event time (which picks the daily index).
 *
 * @param name the stream, e.g. {@code audit-events}; indices are {@code <prefix>-<name>-yyyy.MM.dd}
 */
public record IndexedStream<T>(
        String name, StreamFunction<T, String> json, StreamFunction<T, String> documentId, StreamFunction<T, Long> eventTimeMillis)
        implements Serializable {}
