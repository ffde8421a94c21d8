package io.caspian.report;

/** The output streams a report reads, with the field that holds each one's event time. */
enum ReportStreams {
    AUDIT_EVENTS("audit-events", "timestamp"),
    PLACEMENTS("placements", "round_time"),
    ANALYTICS("analytics", "window_start"),
    ALERTS("alerts", "timestamp"),
    DEAD_LETTER("dead-letter", "timestamp"),
    ROUND_SUMMARIES("round-summaries", "round_time");

    final String stream;
    final String timeField;

    ReportStreams(String stream, String timeField) {
        this.stream = stream;
        this.timeField = timeField;
    }
}
