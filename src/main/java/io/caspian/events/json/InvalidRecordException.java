package io.caspian.events.json;

/**
 * An input record that cannot be used. {@code reason} is a stable category for dead-letter
 * consumers ({@code invalid_json}, {@code missing_field}, {@code invalid_field}, ...), the message the
 * precise cause.
 */
public class InvalidRecordException extends Exception {

    public static final String INVALID_JSON = "invalid_json";
    public static final String MISSING_FIELD = "missing_field";
    public static final String INVALID_FIELD = "invalid_field";
    public static final String OVERSIZED = "oversized";
    public static final String UNSUPPORTED_FORMAT = "unsupported_format";
    /** An event from outside claims the origin only this job's own events carry. */
    public static final String RESERVED_ORIGIN = "reserved_origin";

    private final String reason;

    public InvalidRecordException(String reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
