package io.caspian.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped Kibana saved objects resolve against each other and against the index templates. */
class KibanaSavedObjectsTest {

    private static final Path SAVED_OBJECTS = Path.of("kibana", "caspian-saved-objects.ndjson");

    @Test
    void everyReferenceResolvesAndEveryFieldExistsInTheTemplates() throws Exception {
        assertThat(SavedObjectsCheck.check(SavedObjectsCheck.read(SAVED_OBJECTS))).isEmpty();
    }

    @Test
    void theDashboardsCoverWhatTheOperatorAskedFor() throws Exception {
        Set<String> lens = SavedObjectsCheck.read(SAVED_OBJECTS).stream().filter(o -> o.get("type").asText().equals("lens"))
                .map(o -> o.get("id").asText()).collect(Collectors.toSet());
        assertThat(lens).contains("caspian-carbon-intensity-per-zone", "caspian-workloads-per-cluster", "caspian-migration-flows",
                "caspian-migrations-table", "caspian-savings-vs-baseline", "caspian-sla-compliance", "caspian-scheduling-latency",
                "caspian-inefficiencies", "caspian-active-alerts");
        Set<String> panels = SavedObjectsCheck.read(SAVED_OBJECTS).stream().filter(o -> o.get("type").asText().equals("dashboard"))
                .flatMap(o -> toList(o.get("references")).stream()).map(r -> r.get("id").asText()).collect(Collectors.toSet());
        assertThat(panels).isEqualTo(lens);
    }

    @Test
    void theCheckFindsAMissingFieldAWrongTypeAndADanglingReference() throws Exception {
        List<JsonNode> objects = SavedObjectsCheck.read(SAVED_OBJECTS);
        for (JsonNode object : objects) {
            if (object.get("id").asText().equals("caspian-migrations-table")) {
                ObjectNode columns = (ObjectNode) object.at("/attributes/state/datasourceStates/formBased/layers/layer1/columns");
                ((ObjectNode) columns.get("data")).put("sourceField", "migration.no_such_field");
                ((ObjectNode) columns.get("cost")).put("sourceField", "migration.from_cluster");
            }
            if (object.get("id").asText().equals("caspian-audit")) {
                ((ObjectNode) object.get("references").get(0)).put("id", "caspian-gone");
            }
        }
        assertThat(SavedObjectsCheck.check(objects)).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("migration.no_such_field").contains("not in the audit-events template"))
                .anySatisfy(p -> assertThat(p).contains("migration.from_cluster").contains("is keyword"))
                .anySatisfy(p -> assertThat(p).contains("lens/caspian-gone is not in the file"));
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
