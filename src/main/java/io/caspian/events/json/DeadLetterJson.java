package io.caspian.events.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.DeadLetter;

/**
 * The dead-letter topic's JSON: what was received, where it came from, which stage refused it and
 * why. Fields: docs/pipeline.md.
 */
public final class DeadLetterJson {

    private DeadLetterJson() {}

    public static String write(DeadLetter letter) {
        ObjectNode node = Json.object();
        node.put("source", letter.source());
        node.put("partition", letter.partition());
        node.put("offset", letter.offset());
        node.put("timestamp", Json.iso(letter.timestampMillis()));
        node.put("stage", letter.stage());
        node.put("reason", letter.reason());
        node.put("error", letter.detail());
        node.put("payload", letter.payload());
        node.put("payload_encoding", letter.payloadEncoding());
        if (letter.payloadBytes() >= 0) {
            node.put("payload_bytes", letter.payloadBytes());
        } else {
            node.putNull("payload_bytes");
        }
        node.put("payload_sha256", letter.payloadSha256());
        return Json.write(node);
    }
}
