package io.caspian.sinks;

/** One output record as a JSON line, tagged with the stream it belongs to. */
public record OutputLine(String stream, String json) {

    public static final String PLACEMENTS = "placements";
    public static final String AUDIT_EVENTS = "audit-events";
    public static final String DEAD_LETTER = "dead-letter";
    public static final String ANALYTICS = "analytics";
    public static final String ALERTS = "alerts";
    public static final String ROUND_SUMMARIES = "round-summaries";
    /** The carbon readings a bounded run was fed (an input, kept for analysis). */
    public static final String CARBON_INPUT = "carbon";
}
