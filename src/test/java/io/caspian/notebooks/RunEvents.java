package io.caspian.notebooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a run's event folder holds, in the terms of the figure manifest's {@code needs}: a stream with
 * at least one record ({@code placements}), a stream with at least one record of an event type
 * ({@code audit-events:scheduling_decision}), of an event type from one origin
 * ({@code audit-events:workload_relocation:caspian}: this job's own moves, not those other modules
 * reported), an analytics record of a metric group ({@code analytics:forecast_error}), or a back-test
 * report ({@code report}).
 */
final class RunEvents {

    static final String REPORT = "report";
    static final List<String> REPORT_FILES = List.of("report.json", "replay-report.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunEvents() {}

    static boolean has(Path folder, String need) throws IOException {
        if (need.equals(REPORT)) {
            // a back-test writes its report beside its runs' event folders
            return REPORT_FILES.stream().anyMatch(name -> Files.exists(folder.resolve(name))
                    || (folder.getParent() != null && Files.exists(folder.getParent().resolve(name))));
        }
        int colon = need.indexOf(':');
        String stream = colon < 0 ? need : need.substring(0, colon);
        Path file = folder.resolve(stream + ".jsonl");
        if (!Files.exists(file)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(file)) {
            Stream<String> records = lines.filter(line -> !line.isBlank());
            if (colon < 0) {
                return records.findAny().isPresent();
            }
            String[] kind = need.substring(colon + 1).split(":", 2);
            return records.map(RunEvents::read).anyMatch(event -> (kind[0].equals(event.path("event_type").asText())
                    || kind[0].equals(event.path("metric_group").asText()))
                    && (kind.length == 1 || kind[1].equals(event.path("origin").asText())));
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable event line: " + line, e);
        }
    }
}
