package io.caspian.events;

/**
 * A record the job could not use: the original payload, where it came from, and why.
 *
 * @param source the input topic (or generator) the record came from
 * @param offset position in that source, -1 when unknown
 * @param reason machine-readable category, e.g. {@code invalid_json}, {@code invalid_field}, {@code late}
 * @param detail the precise cause, naming the field and value
 */
public record DeadLetter(
        String source, int partition, long offset, long timestampMillis, String payload, String reason, String detail) {}
