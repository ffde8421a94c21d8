package io.caspian.formats;

import io.caspian.events.CarbonReading;
import io.caspian.events.json.CarbonReadingJson;
import io.caspian.events.json.InvalidRecordException;
import java.util.List;

/** The job's own JSON, one reading (with optional forecast points) per payload. */
public final class NativeJsonFormat implements CarbonFormat {

    public static final String NAME = "native";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<CarbonReading> parse(String payload) throws InvalidRecordException {
        return List.of(CarbonReadingJson.parse(payload));
    }
}
