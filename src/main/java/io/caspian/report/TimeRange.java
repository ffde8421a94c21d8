package io.caspian.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A half-open range of event time, [from, to). */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
        }
    }

    /** Parses an ISO-8601 instant, or a date meaning its start (UTC). */
    public static Instant parseTime(String option, String text) {
        try {
            return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be an ISO-8601 time like 2025-10-22T08:00:00Z or a date, got '"
                    + text + "'");
        }
    }

    public boolean contains(Instant time) {
        return !time.isBefore(from) && time.isBefore(to);
    }

    /** True when the document's time field lies in the range; a document without it is outside. */
    public boolean contains(JsonNode document, String timeField) {
        Instant time = timeOf(document, timeField);
        return time != null && contains(time);
    }

    public static Instant timeOf(JsonNode document, String timeField) {
        JsonNode value = document.get(timeField);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
