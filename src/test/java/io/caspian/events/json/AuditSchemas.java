package io.caspian.events.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.caspian.events.AuditEventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The packaged JSON Schemas of the audit events, analytics records and alerts, with formats asserted. */
public final class AuditSchemas {

    private static final Map<AuditEventType, JsonSchema> SCHEMAS = load();
    public static final JsonSchema ANALYTICS = schema("/schemas/analytics.schema.json");
    public static final JsonSchema ALERT = schema("/schemas/alert.schema.json");

    private AuditSchemas() {}

    private static Map<AuditEventType, JsonSchema> load() {
        Map<AuditEventType, JsonSchema> schemas = new EnumMap<>(AuditEventType.class);
        for (AuditEventType type : AuditEventType.values()) {
            schemas.put(type, schema("/schemas/" + type.wireName() + ".schema.json"));
        }
        return schemas;
    }

    private static JsonSchema schema(String resource) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = AuditSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema " + resource);
            }
            return factory.getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The violations of a document against a schema, empty when it conforms. */
    public static Set<String> violations(JsonSchema schema, JsonNode document) {
        Set<String> messages = new TreeSet<>();
        for (ValidationMessage message : schema.validate(document)) {
            messages.add(message.getMessage());
        }
        return messages;
    }

    /** The violations of an event written by the job, empty when it conforms to its type's schema. */
    public static Set<String> violations(JsonNode event) {
        AuditEventType type = AuditEventType.fromWireName(event.get("event_type").asText());
        return violations(SCHEMAS.get(type), event);
    }
}
