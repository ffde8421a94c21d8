package io.caspian.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The documents of one time range, per output stream, exactly as the job wrote them (to files or to
 * Elasticsearch). Placements also include the latest one of each workload before the range, which
 * says which workloads were active when the range began; the carbon figures come from the round summaries.
 */
public record AuditRecords(
        List<JsonNode> auditEvents,
        List<JsonNode> placements,
        List<JsonNode> analytics,
        List<JsonNode> alerts,
        List<JsonNode> deadLetters,
        List<JsonNode> roundSummaries) {}
