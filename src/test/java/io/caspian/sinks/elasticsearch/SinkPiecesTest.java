package io.caspian.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.config.CaspianConfig.IndexMode;
import io.caspian.events.json.Json;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;

/** The sink's state serializer, its audit-event normalisation and the shipped templates. */
class SinkPiecesTest {

    @Test
    void bufferedDocumentsSurviveACheckpointIncludingLargeOnes() throws Exception {
        String large = "{\"payload\":\"" + "x".repeat(100_000) + "\"}";
        Deque<RequestEntryWrapper<IndexDocument>> buffered = new ArrayDeque<>();
        buffered.add(new RequestEntryWrapper<>(new IndexDocument("caspian-a-2025.10.22", "id-1", "{\"k\":\"é\"}"), 10));
        buffered.add(new RequestEntryWrapper<>(new IndexDocument("caspian-a-2025.10.22", "id-2", large), large.length()));
        IndexDocumentStateSerializer serializer = new IndexDocumentStateSerializer();
        BufferedRequestState<IndexDocument> restored = serializer.deserialize(serializer.getVersion(),
                serializer.serialize(new BufferedRequestState<>(buffered)));
        assertThat(restored.getBufferedRequestEntries()).extracting(RequestEntryWrapper::getRequestEntry)
                .containsExactly(buffered.stream().map(RequestEntryWrapper::getRequestEntry).toArray(IndexDocument[]::new));
    }

    @Test
    void relocationAndReconfigurationShapesAreMadeUniform() throws Exception {
        ObjectNode relocation = Json.parseObject("{\"event_type\":\"workload_relocation\",\"workload_id\":\"j\",\"workload\":\"j\","
                + "\"trigger\":\"carbon_intensity_change\"}");
        ObjectNode reconfiguration = Json.parseObject("{\"event_type\":\"cluster_reconfiguration\",\"trigger\":{\"cause\":\"scaled\"}}");
        ObjectNode decision = Json.parseObject("{\"event_type\":\"scheduling_decision\",\"workload\":{\"id\":\"j\"}}");
        assertThat(AuditEventDocuments.normalise(relocation).has("workload")).isFalse();
        assertThat(relocation.get("trigger").asText()).isEqualTo("carbon_intensity_change");
        assertThat(AuditEventDocuments.normalise(reconfiguration).get("trigger").asText()).isEqualTo("scaled");
        assertThat(AuditEventDocuments.normalise(decision).at("/workload/id").asText()).isEqualTo("j");
    }

    @Test
    void everyStreamHasATemplateWithExplicitMappingsAndItsOwnPattern() {
        for (String stream : IndexedStreams.ALL) {
            ObjectNode template = IndexTemplates.forNaming(new IndexNaming("caspian", stream, IndexMode.DAILY));
            assertThat(template.get("index_patterns")).hasSize(1);
            assertThat(template.at("/index_patterns/0").asText()).isEqualTo("caspian-" + stream + "-*");
            JsonNode properties = template.at("/template/mappings/properties");
            assertThat(properties.size()).as(stream).isGreaterThan(3);
            assertThat(template.at("/template/mappings/dynamic").asText()).isIn("false", "true");
        }
        assertThat(List.of("audit-events", "placements", "dead-letter", "carbon-intensity"))
                .allSatisfy(s -> assertThat(IndexTemplates.shipped(s).at("/template/mappings/dynamic").asText()).isEqualTo("false"));
    }
}
