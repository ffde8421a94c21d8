package io.caspian.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import io.caspian.sinks.elasticsearch.IndexTemplates;
import java.util.Optional;

/** Field types declared by a shipped index template, looked up by dotted path (multi-fields included). */
final class TemplateFields {

    private final JsonNode properties;

    TemplateFields(String stream) {
        properties = IndexTemplates.shipped(stream).at("/template/mappings/properties");
    }

    /** The mapped type of a dotted field path, if the template declares it. */
    Optional<String> typeOf(String path) {
        String[] parts = path.split("\\.");
        JsonNode level = properties;
        JsonNode field = null;
        for (int i = 0; i < parts.length; i++) {
            if (level == null || !level.has(parts[i])) {
                // the last part may be a multi-field, e.g. decision.reason.keyword
                if (field != null && i == parts.length - 1 && field.at("/fields/" + parts[i]).has("type")) {
                    return Optional.of(field.at("/fields/" + parts[i] + "/type").asText());
                }
                return Optional.empty();
            }
            field = level.get(parts[i]);
            level = field.get("properties");
        }
        if (field.has("type")) {
            return Optional.of(field.get("type").asText());
        }
        return field.has("properties") ? Optional.of("object") : Optional.empty();
    }
}
