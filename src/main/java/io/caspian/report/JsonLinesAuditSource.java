package io.caspian.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.events.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code <stream>.jsonl} files of a demo or replay run. A missing file is an empty stream
 * (the run had no such output); a line that is not JSON is counted and skipped, and the report says so.
 */
public final class JsonLinesAuditSource {

    private final Path folder;
    private int unreadableLines;

    public JsonLinesAuditSource(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--events " + folder + " is not a folder");
        }
        this.folder = folder;
    }

    public AuditRecords read(TimeRange range) {
        return new AuditRecords(
                inRange(ReportStreams.AUDIT_EVENTS, range),
                placements(range),
                inRange(ReportStreams.ANALYTICS, range),
                inRange(ReportStreams.ALERTS, range),
                inRange(ReportStreams.DEAD_LETTER, range),
                inRange(ReportStreams.ROUND_SUMMARIES, range));
    }

    public int unreadableLines() {
        return unreadableLines;
    }

    private List<JsonNode> inRange(ReportStreams stream, TimeRange range) {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode document : all(stream)) {
            if (range.contains(document, stream.timeField)) {
                result.add(document);
            }
        }
        return result;
    }

    /** Placements in the range, plus each workload's latest one before it. */
    private List<JsonNode> placements(TimeRange range) {
        Map<String, JsonNode> before = new HashMap<>();
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode document : all(ReportStreams.PLACEMENTS)) {
            Instant time = TimeRange.timeOf(document, ReportStreams.PLACEMENTS.timeField);
            if (time == null) {
                continue;
            }
            if (time.isBefore(range.from())) {
                before.merge(document.path("job_id").asText(), document, (a, b) ->
                        TimeRange.timeOf(b, "round_time").isAfter(TimeRange.timeOf(a, "round_time")) ? b : a);
            } else if (range.contains(time)) {
                result.add(document);
            }
        }
        result.addAll(before.values());
        return result;
    }

    private List<JsonNode> all(ReportStreams stream) {
        Path file = folder.resolve(stream.stream + ".jsonl");
        List<JsonNode> documents = new ArrayList<>();
        if (!Files.exists(file)) {
            return documents;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    documents.add(Json.MAPPER.readTree(line));
                } catch (IOException e) {
                    unreadableLines++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return documents;
    }
}
