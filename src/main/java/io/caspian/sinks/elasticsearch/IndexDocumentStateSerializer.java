package io.caspian.sinks.elasticsearch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/** Documents still buffered at a checkpoint, written into the sink's state and read back on restore. */
final class IndexDocumentStateSerializer extends AsyncSinkWriterStateSerializer<IndexDocument> {

    private static final int VERSION = 1;

    @Override
    protected void serializeRequestToStream(IndexDocument document, DataOutputStream out) throws IOException {
        out.writeUTF(document.index());
        out.writeUTF(document.id());
        // a document may exceed writeUTF's 64 KB limit
        byte[] json = document.json().getBytes(StandardCharsets.UTF_8);
        out.writeInt(json.length);
        out.write(json);
    }

    @Override
    protected IndexDocument deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
        String index = in.readUTF();
        String id = in.readUTF();
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        return new IndexDocument(index, id, new String(json, StandardCharsets.UTF_8));
    }

    @Override
    public int getVersion() {
        return VERSION;
    }
}
