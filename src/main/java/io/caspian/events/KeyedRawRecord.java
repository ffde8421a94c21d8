package io.caspian.events;

/**
 * A record of a compacted input (alert rules) before parsing: its key matters, because a tombstone
 * (null payload) names what it deletes only through its key.
 */
public record KeyedRawRecord(String key, RawRecord record) {

    public KeyedRawRecord(String source, int partition, long offset, long timestampMillis, String key, String payload) {
        this(key, new RawRecord(source, partition, offset, timestampMillis, payload));
    }

    public String payload() {
        return record.payload();
    }
}
