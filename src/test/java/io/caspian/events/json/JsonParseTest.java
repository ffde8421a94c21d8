package io.caspian.events.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link Json#parse} accepts and refuses is what the strict mapper's own reading accepts and refuses. */
class JsonParseTest {

    @Test
    void readsAndRefusesAsTheStrictMapperDoes() throws Exception {
        List<String> payloads = List.of(
                "{\"zone\":\"KR\",\"carbon_intensity_gco2_per_kwh\":400.5,\"timestamp\":\"2025-10-22T08:00:00Z\"}",
                "{\"a\":1} {\"b\":2}",
                "{\"a\":1}]",
                "{\"zone\":\"KR\",\"zone\":\"JP\"}",
                "{\"n\":1e400,\"m\":0.1000000000000000055511151231257827}",
                "{\"n\":12345678901234567890123}",
                "[" + "[".repeat(2_000) + "]".repeat(2_000) + "]",
                "{\"a\":",
                "{'a':1}",
                "[1,2,3]",
                "\"text\"");
        int refused = 0;
        for (String payload : payloads) {
            JsonNode expected = null;
            String expectedMessage = null;
            try {
                expected = Json.MAPPER.readTree(payload);
            } catch (JsonProcessingException e) {
                expectedMessage = "not valid JSON: " + e.getOriginalMessage();
            }
            JsonNode read = null;
            String message = null;
            try {
                read = Json.parse(payload);
            } catch (InvalidRecordException e) {
                message = e.getMessage();
                assertThat(e.reason()).isEqualTo(InvalidRecordException.INVALID_JSON);
            }
            assertThat(read).as(payload).isEqualTo(expected);
            assertThat(message).as(payload).isEqualTo(expectedMessage);
            if (message != null) {
                refused++;
            }
        }
        assertThat(refused).as("payloads refused").isGreaterThanOrEqualTo(5);
    }
}
