package io.caspian.sinks.elasticsearch;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/** Turns a record into the document the sink writes, by its stream's id, time and JSON functions. */
final class DocumentConverter<T> implements ElementConverter<T, IndexDocument> {

    private final IndexedStream<T> stream;
    private final IndexNaming naming;

    DocumentConverter(IndexedStream<T> stream, IndexNaming naming) {
        this.stream = stream;
        this.naming = naming;
    }

    @Override
    public IndexDocument apply(T record, SinkWriter.Context context) {
        long time = stream.eventTimeMillis().apply(record);
        return new IndexDocument(naming.indexFor(time), stream.documentId().apply(record), stream.json().apply(record));
    }
}
