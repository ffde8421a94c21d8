package io.caspian.sinks.elasticsearch;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.util.ArrayList;
import java.util.List;

/**
 * What became of each document of one bulk request: indexed, to be retried (the node was busy or
 * failing: 429 and 5xx), or rejected for good (the document itself is wrong, e.g. a mapping conflict;
 * retrying it would never succeed and would block the stream).
 */
record BulkOutcome(int indexed, List<IndexDocument> retry, List<Rejection> rejected) {

    /** A document Elasticsearch refused, with its reason; the document's content is not kept. */
    record Rejection(String index, String id, int status, String errorType, String reason) {}

    static BulkOutcome of(List<IndexDocument> sent, BulkResponse response) {
        List<IndexDocument> retry = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        int indexed = 0;
        List<BulkResponseItem> items = response.items();
        for (int i = 0; i < sent.size(); i++) {
            // the bulk API answers item by item in request order
            BulkResponseItem item = i < items.size() ? items.get(i) : null;
            if (item == null) {
                retry.add(sent.get(i));
            } else if (item.error() == null) {
                indexed++;
            } else if (isTransient(item.status())) {
                retry.add(sent.get(i));
            } else {
                rejected.add(new Rejection(item.index(), item.id(), item.status(), item.error().type(), item.error().reason()));
            }
        }
        return new BulkOutcome(indexed, retry, rejected);
    }

    static boolean isTransient(int status) {
        return status == 429 || status == 408 || status >= 500;
    }
}
