package io.caspian.formats;

import io.caspian.events.CarbonReading;
import io.caspian.events.json.InvalidRecordException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Electricity Maps CSV export ({@code Datetime (UTC),Country,Zone Name,Zone Id,Carbon Intensity
 * gCO₂eq/kWh (direct),Carbon Intensity gCO₂eq/kWh (LCA),...,Data Source,Data Estimated,...}), one
 * reading per row. Columns are found by header name (the subscript {@code ₂} may also be written
 * {@code 2}), so reordered or extra columns are fine. An empty intensity cell is a gap in the record
 * and yields no reading (never a zero); a cell that is not a number rejects the payload with its line.
 */
public final class ElectricityMapsCsvFormat implements CarbonFormat {

    public static final String NAME = "em-csv";
    public static final String SOURCE = "electricitymaps";

    /** Which of the export's two intensities to read. */
    public enum Basis {
        /** Lifecycle emissions (the default, and what Electricity Maps' own traces and the 2022 trace use). */
        LCA("Carbon Intensity gCO2eq/kWh (LCA)"),
        /** Direct (combustion) emissions only. */
        DIRECT("Carbon Intensity gCO2eq/kWh (direct)");

        final String column;

        Basis(String column) {
            this.column = column;
        }
    }

    private static final String TIME = "Datetime (UTC)";
    private static final String ZONE = "Zone Id";
    private static final String ESTIMATED = "Data Estimated";

    private final Basis basis;

    public ElectricityMapsCsvFormat() {
        this(Basis.LCA);
    }

    public ElectricityMapsCsvFormat(Basis basis) {
        this.basis = basis;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<CarbonReading> parse(String payload) throws InvalidRecordException {
        CsvTable table = CsvTable.parse(payload);
        int time = table.column(TIME, "datetime");
        int zone = table.column(ZONE, "zone");
        int intensity = table.column(basis.column);
        int estimated = optionalColumn(table, ESTIMATED);
        List<CarbonReading> readings = new ArrayList<>(table.rows().size());
        for (CsvTable.Row row : table.rows()) {
            if (CsvTable.cell(row, intensity).isEmpty()) {
                continue;
            }
            String zoneId = CsvTable.cell(row, zone);
            if (zoneId.isEmpty()) {
                throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD,
                        "line " + row.line() + ", column '" + ZONE + "' is empty");
            }
            readings.add(new CarbonReading(zoneId, CsvTable.nonNegative(row, intensity, basis.column),
                    CsvTable.time(row, time, TIME), SOURCE, estimated(row, estimated), CarbonReading.AVERAGE, List.of()));
        }
        return readings;
    }

    private static int optionalColumn(CsvTable table, String name) {
        try {
            return table.column(name);
        } catch (InvalidRecordException absent) {
            return -1;
        }
    }

    private static boolean estimated(CsvTable.Row row, int column) throws InvalidRecordException {
        if (column < 0) {
            return false;
        }
        String text = CsvTable.cell(row, column).toLowerCase(Locale.ROOT);
        if (text.isEmpty() || text.equals("false")) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                "line " + row.line() + ", column '" + ESTIMATED + "' must be true or false, got \"" + text + "\"");
    }
}
