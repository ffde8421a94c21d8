package io.caspian.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.config.CaspianConfig;
import io.caspian.events.PolicyDocument;
import io.caspian.config.ConfigException;
import io.caspian.events.json.FieldReader;
import io.caspian.events.json.InvalidRecordException;
import io.caspian.events.json.Json;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Policy documents on the policies topic:
 *
 * <pre>{@code
 * {"version": 3, "scope": "global", "timestamp": "2026-12-01T10:00:00Z",
 *  "source": "ops: change CHG-1042", "reason": "moves priced higher after the network review",
 *  "settings": {"migration": {"lambda-gco2": 800}, "scheduler": {"solver": "greedy"}}}
 * }</pre>
 *
 * {@code settings} is written like {@code caspian.yaml} (sections holding keys), or with dotted keys
 * ({@code "migration.lambda-gco2": 800}); only {@link PolicyKeys} may appear. {@code scope} is
 * {@code global} (the default) or {@code domain:<name>}.
 */
public final class PolicyDocumentJson {

    /** The dead-letter reason of a document whose settings the configuration would refuse. */
    public static final String INVALID_POLICY = "invalid_policy";
    private static final java.util.regex.Pattern SCOPE = java.util.regex.Pattern.compile(
            "global|(domain|tenant):[A-Za-z0-9][A-Za-z0-9._:%-]{0,127}|label:[A-Za-z0-9][A-Za-z0-9._:%-]{0,127}=[A-Za-z0-9][A-Za-z0-9._:%-]{0,127}");
    /** Characters of {@code source} and {@code reason}. */
    static final int MAX_TEXT = 1024;

    private PolicyDocumentJson() {}

    /** Reads a document's shape; its values are checked against a configuration by {@link #check}. */
    public static PolicyDocument parse(String payload) throws InvalidRecordException {
        return read(Json.parseObject(payload));
    }

    public static PolicyDocument read(ObjectNode node) throws InvalidRecordException {
        FieldReader f = new FieldReader(node);
        JsonNode versionNode = node.get("version");
        if (versionNode == null || versionNode.isNull()) {
            throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD, "field 'version' is required");
        }
        if (!versionNode.canConvertToExactIntegral() || versionNode.asLong() < 1) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                    "field 'version' must be a whole number of at least 1 (caspian.yaml is version 0), got " + versionNode);
        }
        String scope = f.optionalString("scope", PolicyDocument.GLOBAL);
        if (!SCOPE.matcher(scope).matches()) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD, "field 'scope' must be 'global',"
                    + " 'domain:<name>', 'tenant:<name>' or 'label:<name>=<value>', got \"" + scope + "\"");
        }
        JsonNode settingsNode = node.get("settings");
        if (settingsNode == null || settingsNode.isNull()) {
            throw new InvalidRecordException(InvalidRecordException.MISSING_FIELD, "field 'settings' is required");
        }
        if (!settingsNode.isObject()) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                    "field 'settings' must be a mapping of sections to keys, got " + settingsNode.getNodeType());
        }
        return new PolicyDocument(versionNode.asLong(), scope, settings((ObjectNode) settingsNode), text(f, "source"),
                text(f, "reason"), f.timestamp("timestamp"), null);
    }

    /** Free text, bounded: it is copied into the policy_change event. */
    private static String text(FieldReader f, String field) throws InvalidRecordException {
        String value = f.optionalString(field, null);
        if (value != null && value.length() > MAX_TEXT) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                    "field '" + field + "' has " + value.length() + " characters, more than " + MAX_TEXT);
        }
        return value;
    }

    /** {@code section: {key: value}} or {@code "section.key": value}, flattened to policy keys. */
    private static TreeMap<String, String> settings(ObjectNode node) throws InvalidRecordException {
        TreeMap<String, String> settings = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().contains(".")) {
                put(settings, field.getKey(), field.getValue());
            } else if (field.getValue().isObject()) {
                Iterator<Map.Entry<String, JsonNode>> keys = field.getValue().fields();
                while (keys.hasNext()) {
                    Map.Entry<String, JsonNode> key = keys.next();
                    put(settings, field.getKey() + "." + key.getKey(), key.getValue());
                }
            } else {
                throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD, "settings." + field.getKey()
                        + " must be a section of keys (e.g. {\"migration\": {\"lambda-gco2\": 800}})");
            }
        }
        if (settings.isEmpty()) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD,
                    "field 'settings' names no key: a policy must set at least one of " + PolicyKeys.NAMES);
        }
        return settings;
    }

    private static void put(TreeMap<String, String> settings, String key, JsonNode value) throws InvalidRecordException {
        if (!PolicyKeys.ALL.contains(key)) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_FIELD, "settings." + key + " is not a policy key"
                    + io.caspian.config.KnownKeys.didYouMean(key, PolicyKeys.ALL) + " (policy keys: " + PolicyKeys.NAMES + ")");
        }
        settings.put(key, PolicyKeys.canonical(value));
    }

    /**
     * Holds a document to the job's configuration: its scope must be a configured scheduling domain, and
     * its settings must be values the configuration file would accept.
     */
    public static void check(PolicyDocument document, CaspianConfig config) throws InvalidRecordException {
        String domain = document.domain();
        List<String> domains = config.scheduler().domains().all();
        if (domain != null && !domains.contains(domain)) {
            throw new InvalidRecordException(INVALID_POLICY, "scope " + document.scope() + " names no scheduling domain"
                    + " (domains: " + domains + ")");
        }
        if (document.workloadScoped()) {
            for (String key : document.settings().keySet()) {
                if (!PolicyKeys.PER_WORKLOAD.contains(key)) {
                    throw new InvalidRecordException(INVALID_POLICY, "scope " + document.scope() + " sets " + key
                            + ", which is decided for a whole round of a domain; a tenant or label may set only "
                            + new java.util.TreeSet<>(PolicyKeys.PER_WORKLOAD));
                }
            }
        }
        try {
            PolicyKeys.apply(config, document.settings());
        } catch (ConfigException e) {
            throw new InvalidRecordException(INVALID_POLICY, "version " + document.version() + ": " + e.getMessage());
        }
    }

    /** Reads a document from the policies topic and holds it to this configuration. */
    public static io.caspian.functions.RecordParser<PolicyDocument> parser(CaspianConfig config) {
        return payload -> {
            PolicyDocument document = parse(payload);
            check(document, config);
            return document;
        };
    }

    public static String write(PolicyDocument document) {
        ObjectNode node = Json.object();
        node.put("version", document.version());
        node.put("scope", document.scope());
        node.put("timestamp", Json.iso(document.timestampMillis()));
        node.put("source", document.source());
        node.put("reason", document.reason());
        ObjectNode settings = node.putObject("settings");
        document.settings().forEach((key, value) -> {
            try {
                settings.set(key, Json.MAPPER.readTree(value));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("a policy value is JSON text by construction: " + value, e);
            }
        });
        return Json.write(node);
    }
}
