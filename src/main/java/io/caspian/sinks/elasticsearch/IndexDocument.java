package io.caspian.sinks.elasticsearch;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * One document on its way into Elasticsearch: the index (or write alias) it goes to, its id, and its
 * JSON source. The id is derived from the record itself, so writing the same record again overwrites
 * it instead of adding a second copy.
 */
public record IndexDocument(String index, String id, String json) implements Serializable {

    /** Approximate bytes on the wire, for the batch and buffer limits. */
    public long sizeInBytes() {
        return index.length() + id.length() + (long) json.getBytes(StandardCharsets.UTF_8).length + 64;
    }
}
