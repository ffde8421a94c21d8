package io.caspian.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.CarbonReading;
import io.caspian.events.json.InvalidRecordException;
import io.caspian.events.json.Json;
import java.util.List;

/**
 * A provider's JSON response that is one object, recognisable by its shape, so that
 * {@link AutoDetectFormat} can pick it for a message without being told.
 */
abstract class JsonObjectFormat implements CarbonFormat {

    private final String name;

    JsonObjectFormat(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<CarbonReading> parse(String payload) throws InvalidRecordException {
        return read(Json.parseObject(payload));
    }

    /** True when the object has this format's shape (not that it is valid). */
    abstract boolean recognises(ObjectNode root);

    abstract List<CarbonReading> read(ObjectNode root) throws InvalidRecordException;
}
