package io.caspian.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.events.json.Json;
import io.caspian.sinks.elasticsearch.IndexedStreams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks Kibana saved objects the way Kibana would resolve them: every reference points at an object
 * in the file, every data view matches a stream with a template, and every field a visualisation or
 * its query names exists in that template with a type the operation can use. Returns the problems.
 */
final class SavedObjectsCheck {

    private static final String PREFIX = "caspian-";
    private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z_][\\w.]*)\\s*:");
    private static final Set<String> NUMERIC = Set.of("double", "long", "integer", "float", "short", "scaled_float");
    private static final Set<String> AGGREGATABLE = Set.of("keyword", "double", "long", "integer", "boolean", "date", "float");

    private final Map<String, JsonNode> objects = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    static List<String> check(List<JsonNode> savedObjects) {
        SavedObjectsCheck check = new SavedObjectsCheck();
        savedObjects.forEach(o -> check.objects.put(key(o.get("type").asText(), o.get("id").asText()), o));
        savedObjects.forEach(check::checkObject);
        return check.problems;
    }

    static List<JsonNode> read(Path ndjson) throws IOException {
        List<JsonNode> result = new ArrayList<>();
        for (String line : Files.readAllLines(ndjson)) {
            if (!line.isBlank()) {
                result.add(Json.MAPPER.readTree(line));
            }
        }
        return result;
    }

    private static String key(String type, String id) {
        return type + "/" + id;
    }

    private void checkObject(JsonNode object) {
        String id = object.get("id").asText();
        for (JsonNode reference : object.get("references")) {
            if (!objects.containsKey(key(reference.get("type").asText(), reference.get("id").asText()))) {
                problems.add(id + ": reference " + reference.get("name").asText() + " -> " + reference.get("type").asText() + "/"
                        + reference.get("id").asText() + " is not in the file");
            }
        }
        switch (object.get("type").asText()) {
            case "index-pattern" -> checkDataView(id, object.get("attributes"));
            case "lens" -> checkLens(id, object);
            case "dashboard" -> checkDashboard(id, object);
            default -> problems.add(id + ": unexpected saved object type " + object.get("type").asText());
        }
    }

    private String streamOf(String id, String title) {
        if (!title.startsWith(PREFIX) || !title.endsWith("-*")) {
            problems.add(id + ": data view title " + title + " is not a caspian-<stream>-* pattern");
            return null;
        }
        String stream = title.substring(PREFIX.length(), title.length() - 2);
        if (!IndexedStreams.ALL.contains(stream)) {
            problems.add(id + ": data view " + title + " names no stream with an index template");
            return null;
        }
        return stream;
    }

    private void checkDataView(String id, JsonNode attributes) {
        String stream = streamOf(id, attributes.get("title").asText());
        if (stream != null) {
            String time = attributes.get("timeFieldName").asText();
            expectType(id, stream, time, Set.of("date"), "time field");
        }
    }

    private void checkLens(String id, JsonNode lens) {
        JsonNode state = lens.at("/attributes/state");
        Iterator<Map.Entry<String, JsonNode>> layers = state.at("/datasourceStates/formBased/layers").fields();
        while (layers.hasNext()) {
            Map.Entry<String, JsonNode> layer = layers.next();
            String stream = layerStream(id, lens, layer.getKey());
            if (stream == null) {
                continue;
            }
            layer.getValue().get("columns").fields().forEachRemaining(c -> checkColumn(id, stream, c.getValue()));
            Matcher kql = KQL_FIELD.matcher(state.at("/query/query").asText());
            while (kql.find()) {
                expectType(id, stream, kql.group(1), AGGREGATABLE, "query field");
            }
        }
    }

    private String layerStream(String id, JsonNode lens, String layerId) {
        String name = "indexpattern-datasource-layer-" + layerId;
        for (JsonNode reference : lens.get("references")) {
            if (reference.get("name").asText().equals(name)) {
                JsonNode dataView = objects.get(key("index-pattern", reference.get("id").asText()));
                return dataView == null ? null : streamOf(id, dataView.at("/attributes/title").asText());
            }
        }
        problems.add(id + ": layer " + layerId + " has no data view reference named " + name);
        return null;
    }

    private void checkColumn(String id, String stream, JsonNode column) {
        String field = column.path("sourceField").asText();
        String operation = column.get("operationType").asText();
        switch (operation) {
            case "count" -> { }
            case "date_histogram" -> expectType(id, stream, field, Set.of("date"), operation);
            case "sum", "average", "median", "percentile", "standard_deviation" -> expectType(id, stream, field, NUMERIC, operation);
            case "min", "max" -> expectType(id, stream, field, union(NUMERIC, Set.of("date")), operation);
            case "terms", "unique_count" -> expectType(id, stream, field, AGGREGATABLE, operation);
            case "last_value" -> {
                expectType(id, stream, field, AGGREGATABLE, operation);
                expectType(id, stream, column.at("/params/sortField").asText(), Set.of("date"), "last_value sort");
            }
            default -> problems.add(id + ": operation " + operation + " is not checked; add it here");
        }
    }

    private void expectType(String id, String stream, String field, Set<String> allowed, String use) {
        var type = new TemplateFields(stream).typeOf(field);
        if (type.isEmpty()) {
            problems.add(id + ": " + use + " '" + field + "' is not in the " + stream + " template");
        } else if (!allowed.contains(type.get())) {
            problems.add(id + ": " + use + " '" + field + "' is " + type.get() + " in the " + stream + " template, expected " + allowed);
        }
    }

    private void checkDashboard(String id, JsonNode dashboard) {
        JsonNode panels;
        try {
            panels = Json.MAPPER.readTree(dashboard.at("/attributes/panelsJSON").asText());
        } catch (IOException e) {
            problems.add(id + ": panelsJSON is not JSON");
            return;
        }
        for (JsonNode panel : panels) {
            String name = panel.get("panelIndex").asText() + ":" + panel.get("panelRefName").asText();
            boolean found = false;
            for (JsonNode reference : dashboard.get("references")) {
                found |= reference.get("name").asText().equals(name);
            }
            if (!found) {
                problems.add(id + ": panel " + name + " has no reference");
            }
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
