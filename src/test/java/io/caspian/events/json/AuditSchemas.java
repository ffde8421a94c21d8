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

/** The packaged JSON Schemas of the audit events, with formats (date-time) asserted. */
public final class AuditSchemas {

    private static final Map<AuditEventType, JsonSchema> SCHEMAS = load();

    private AuditSchemas() {}

    private static Map<AuditEventType, JsonSchema> load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        Map<AuditEventType, JsonSchema> schemas = new EnumMap<>(AuditEventType.class);
        for (AuditEventType type : AuditEventType.values()) {
            String resource = "/schemas/" + type.wireName() + ".schema.json";
            try (InputStream in = AuditSchemas.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing schema " + resource);
                }
                schemas.put(type, factory.getSchema(in, config));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schemas;
    }

    /** The violations of an event written by the job, empty when it conforms to its type's schema. */
    public static Set<String> violations(JsonNode event) {
        AuditEventType type = AuditEventType.fromWireName(event.get("event_type").asText());
        Set<String> messages = new TreeSet<>();
        for (ValidationMessage message : SCHEMAS.get(type).validate(event)) {
            messages.add(message.getMessage());
        }
        return messages;
    }
}
