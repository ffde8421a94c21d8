package io.caspian.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every field the job writes (its JSON Schemas list exactly those) has an explicit mapping in the
 * index template of the stream it is indexed into, so that Kibana and the report query typed fields
 * rather than whatever dynamic mapping guessed from the first document.
 */
class TemplatesCoverSchemasTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The indexed copy of a reconfiguration keeps only the trigger's cause, as a word (AuditEventDocuments). */
    private static final Set<String> FLATTENED_WHEN_INDEXED = Set.of("trigger.cause");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "scheduling_decision, audit-events",
        "workload_relocation, audit-events",
        "cluster_reconfiguration, audit-events",
        "inefficiency_detected, audit-events",
        "carbon_data_status, audit-events",
        "analytics, analytics",
        "alert, alerts"
    })
    void everyFieldOfTheSchemaIsMappedInTheTemplate(String schema, String template) throws IOException {
        JsonNode schemaRoot = read("/schemas/" + schema + ".schema.json");
        Set<String> written = new TreeSet<>();
        collect(schemaRoot, schemaRoot, "", written, 0);
        Set<String> mapped = new TreeSet<>();
        mapped(read("/elasticsearch/" + template + ".json").path("template").path("mappings").path("properties"), "", mapped);

        written.removeAll(FLATTENED_WHEN_INDEXED);
        assertThat(written).as("fields of %s", schema).isNotEmpty();
        assertThat(mapped).as("template %s", template).containsAll(written);
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = TemplatesCoverSchemasTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return MAPPER.readTree(in);
        }
    }

    /** Property paths of a schema, following local {@code $ref}s and every combinator. */
    private static void collect(JsonNode root, JsonNode node, String prefix, Set<String> out, int depth) {
        if (depth > 12 || node == null || !node.isObject()) {
            return;
        }
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            collect(root, root.at(ref.substring(1)), prefix, out, depth + 1);
        }
        Iterator<Map.Entry<String, JsonNode>> properties = node.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            out.add(prefix + property.getKey());
            collect(root, property.getValue(), prefix + property.getKey() + ".", out, depth + 1);
        }
        for (String key : new String[] {"items", "allOf", "anyOf", "oneOf", "then", "else"}) {
            JsonNode sub = node.get(key);
            if (sub != null && sub.isArray()) {
                sub.forEach(item -> collect(root, item, prefix, out, depth + 1));
            } else if (sub != null) {
                collect(root, sub, prefix, out, depth + 1);
            }
        }
    }

    private static void mapped(JsonNode properties, String prefix, Set<String> out) {
        properties.fields().forEachRemaining(field -> {
            out.add(prefix + field.getKey());
            mapped(field.getValue().path("properties"), prefix + field.getKey() + ".", out);
        });
    }
}
