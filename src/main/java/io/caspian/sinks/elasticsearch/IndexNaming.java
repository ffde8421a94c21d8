package io.caspian.sinks.elasticsearch;

import io.caspian.config.CaspianConfig.IndexMode;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Names the index a document goes to: {@code <prefix>-<stream>-yyyy.MM.dd} by its event time (UTC)
 * in daily mode, or the stream's write alias {@code <prefix>-<stream>} in rollover mode.
 */
public record IndexNaming(String prefix, String stream, IndexMode mode) implements Serializable {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    /** The write alias, and the name stem every index of the stream starts with. */
    public String alias() {
        return prefix + "-" + stream;
    }

    /** The pattern the stream's index template matches. */
    public String pattern() {
        return alias() + "-*";
    }

    /** The first index behind the write alias (rollover mode). */
    public String firstRolloverIndex() {
        return alias() + "-000001";
    }

    public String indexFor(long eventTimeMillis) {
        return mode == IndexMode.ROLLOVER ? alias() : alias() + "-" + DAY.format(Instant.ofEpochMilli(eventTimeMillis));
    }
}
