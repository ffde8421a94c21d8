package io.caspian.formats;

import io.caspian.events.json.FieldReader;
import io.caspian.events.json.InvalidRecordException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV payload with a header row, split into cells. Quoted cells (RFC 4180) are honoured because
 * exports quote zone names that contain commas. Header names are compared after {@link #normalise},
 * so {@code gCO₂eq/kWh} and {@code gCO2eq/kWh} name the same column.
 */
final class CsvTable {

    private final List<String> header;
    private final Map<String, Integer> columns = new HashMap<>();
    /** Data rows with their 1-based line number in the payload, for error messages. */
    private final List<Row> rows;

    record Row(int line, List<String> cells) {}

    private CsvTable(List<String> header, List<Row> rows) {
        this.header = header;
        this.rows = rows;
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(normalise(header.get(i)), i);
        }
    }

    static CsvTable parse(String payload) throws InvalidRecordException {
        if (payload == null || payload.isBlank()) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD, "empty CSV payload");
        }
        String text = payload.charAt(0) == '\uFEFF' ? payload.substring(1) : payload;
        String[] lines = text.split("\r?\n", -1);
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> cells = split(lines[i], i + 1);
            if (header == null) {
                header = cells;
            } else {
                rows.add(new Row(i + 1, cells));
            }
        }
        if (header == null) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD, "CSV payload has no header row");
        }
        return new CsvTable(List.copyOf(header), rows);
    }

    /** Lower case, subscript digits as plain digits, runs of blanks as one space. */
    static String normalise(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.trim().toCharArray()) {
            out.append(c >= '\u2080' && c <= '\u2089' ? (char) ('0' + (c - '\u2080')) : c);
        }
        return out.toString().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    List<String> header() {
        return header;
    }

    List<Row> rows() {
        return rows;
    }

    /** Index of the first column whose normalised name is one of {@code names}, else a clear reason. */
    int column(String... names) throws InvalidRecordException {
        for (String name : names) {
            Integer index = columns.get(normalise(name));
            if (index != null) {
                return index;
            }
        }
        throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD,
                "CSV header has no column '" + String.join("' or '", names) + "'; header is " + header);
    }

    static String cell(Row row, int column) {
        return column < row.cells().size() ? row.cells().get(column).trim() : "";
    }

    /** A finite, non-negative number, or a reason naming the line and column. */
    static double nonNegative(Row row, int column, String columnName) throws InvalidRecordException {
        String text = cell(row, column);
        Double value = io.caspian.validation.TypedValues.number(text);
        if (value == null || !(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                    "line " + row.line() + ", column '" + columnName + "' must be a number >= 0, got \"" + text + "\"");
        }
        return value;
    }

    /** ISO-8601 with or without offset, or {@code yyyy-MM-dd HH:mm:ss} (UTC). */
    static long time(Row row, int column, String columnName) throws InvalidRecordException {
        String text = cell(row, column);
        Long millis = text.isEmpty() ? null : FieldReader.parseTime(text);
        if (millis == null) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                    "line " + row.line() + ", column '" + columnName + "' must be an ISO-8601 time, got \"" + text + "\"");
        }
        return millis;
    }

    private static List<String> split(String line, int lineNumber) throws InvalidRecordException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                    "line " + lineNumber + " has an unterminated quoted cell");
        }
        cells.add(cell.toString());
        return cells;
    }
}
