package io.caspian.formats;

import io.caspian.events.CarbonReading;
import io.caspian.events.json.InvalidRecordException;
import java.io.Serializable;
import java.util.List;

/**
 * One carbon-data format users have: turns a payload (a Kafka message, or a whole recorded file) into
 * readings in the job's native form. A payload may hold many readings (a history, a forecast, a CSV
 * export); a bad payload is refused with a precise reason, never read as zero.
 */
public interface CarbonFormat extends Serializable {

    /** The name used in configuration and on the command line, e.g. {@code native}, {@code em-csv}. */
    String name();

    List<CarbonReading> parse(String payload) throws InvalidRecordException;
}
