package io.caspian.formats;

import io.caspian.events.json.InvalidRecordException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The carbon formats by the name used in configuration and on the command line. */
public final class CarbonFormats {

    private static final Map<String, Supplier<CarbonFormat>> BY_NAME = Map.of(
            NativeJsonFormat.NAME, NativeJsonFormat::new,
            ElectricityMapsCsvFormat.NAME, ElectricityMapsCsvFormat::new,
            WideCsvFormat.NAME, WideCsvFormat::new,
            CarbonAwareSdkJsonFormat.NAME, CarbonAwareSdkJsonFormat::new);

    private CarbonFormats() {}

    public static CarbonFormat byName(String name) throws InvalidRecordException {
        Supplier<CarbonFormat> format = BY_NAME.get(name);
        if (format == null) {
            throw new InvalidRecordException(InvalidRecordException.UNSUPPORTED_FORMAT,
                    "unknown carbon format '" + name + "'; known: " + names());
        }
        return format.get();
    }

    public static List<String> names() {
        return BY_NAME.keySet().stream().sorted().toList();
    }
}
