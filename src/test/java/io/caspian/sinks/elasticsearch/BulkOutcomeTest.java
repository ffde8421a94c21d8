package io.caspian.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkOutcomeTest {

    private static BulkResponseItem ok(String id) {
        return BulkResponseItem.of(i -> i.operationType(OperationType.Index).index("idx").id(id).status(201));
    }

    private static BulkResponseItem failed(String id, int status, String type) {
        return BulkResponseItem.of(i -> i.operationType(OperationType.Index).index("idx").id(id).status(status)
                .error(e -> e.type(type).reason("because")));
    }

    @Test
    void busyAndFailingNodesAreRetriedAndBadDocumentsRejected() {
        List<IndexDocument> sent = List.of(new IndexDocument("idx", "1", "{}"), new IndexDocument("idx", "2", "{}"),
                new IndexDocument("idx", "3", "{}"), new IndexDocument("idx", "4", "{}"));
        BulkResponse response = BulkResponse.of(r -> r.errors(true).took(3).items(ok("1"),
                failed("2", 429, "es_rejected_execution_exception"), failed("3", 400, "document_parsing_exception"),
                failed("4", 503, "unavailable_shards_exception")));
        BulkOutcome outcome = BulkOutcome.of(sent, response);
        assertThat(outcome.indexed()).isEqualTo(1);
        assertThat(outcome.retry()).extracting(IndexDocument::id).containsExactly("2", "4");
        assertThat(outcome.rejected()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("3");
            assertThat(r.errorType()).isEqualTo("document_parsing_exception");
        });
    }

    @Test
    void documentsTheAnswerDoesNotMentionAreRetriedNotLost() {
        List<IndexDocument> sent = List.of(new IndexDocument("idx", "1", "{}"), new IndexDocument("idx", "2", "{}"));
        BulkOutcome outcome = BulkOutcome.of(sent, BulkResponse.of(r -> r.errors(false).took(1).items(ok("1"))));
        assertThat(outcome.retry()).extracting(IndexDocument::id).containsExactly("2");
    }
}
