package io.caspian.events;

/** An input record before parsing: its payload and where it came from (for dead-lettering). */
public record RawRecord(String source, int partition, long offset, long timestampMillis, String payload) {}
