package io.caspian.formats;

import io.caspian.events.CarbonReading;
import io.caspian.events.json.InvalidRecordException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A wide CSV with one time column and one column per zone ({@code datetime_utc,AT,AU-NSW,...,KR,...}),
 * as in the published 2022 hourly traces; each cell is one zone's intensity (gCO2eq/kWh) for the hour.
 * An empty cell is a gap and yields no reading (never a zero). A set of zones may be given so that a
 * back-test of one zone does not hold a year of 123 zones in memory.
 */
public final class WideCsvFormat implements CarbonFormat {

    public static final String NAME = "wide-csv";
    public static final String SOURCE = "wide-csv";

    private final Set<String> zones;

    /** Reads every zone column. */
    public WideCsvFormat() {
        this(Set.of());
    }

    /** Reads only the given zones (all when empty); a zone missing from the header is an error. */
    public WideCsvFormat(Set<String> zones) {
        this.zones = Set.copyOf(zones);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<CarbonReading> parse(String payload) throws InvalidRecordException {
        CsvTable table = CsvTable.parse(payload);
        List<String> header = table.header();
        int time = table.column("datetime_utc", "datetime", "timestamp", "time");
        List<Integer> columns = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String zone = header.get(i).trim();
            if (i != time && (zones.isEmpty() || zones.contains(zone))) {
                if (zone.isEmpty()) {
                    throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                            "CSV header column " + (i + 1) + " has no zone name");
                }
                columns.add(i);
            }
        }
        Set<String> present = new HashSet<>();
        header.forEach(name -> present.add(name.trim()));
        for (String wanted : zones) {
            if (!present.contains(wanted)) {
                throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD,
                        "CSV header has no column for zone '" + wanted + "'");
            }
        }
        List<CarbonReading> readings = new ArrayList<>(table.rows().size() * columns.size());
        for (CsvTable.Row row : table.rows()) {
            long timestamp = CsvTable.time(row, time, header.get(time));
            for (int column : columns) {
                if (CsvTable.cell(row, column).isEmpty()) {
                    continue;
                }
                String zone = header.get(column).trim();
                readings.add(new CarbonReading(zone, CsvTable.nonNegative(row, column, zone), timestamp,
                        SOURCE, false, CarbonReading.AVERAGE, List.of()));
            }
        }
        return readings;
    }
}
