package io.caspian.events.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caspian.events.DeadLetter;

/** The dead-letter topic's JSON: the original payload, where it came from, and why it was refused. */
public final class DeadLetterJson {

    private DeadLetterJson() {}

    public static String write(DeadLetter letter) {
        ObjectNode node = Json.object();
        node.put("source", letter.source());
        node.put("partition", letter.partition());
        node.put("offset", letter.offset());
        node.put("timestamp", Json.iso(letter.timestampMillis()));
        node.put("reason", letter.reason());
        node.put("error", letter.detail());
        node.put("payload", letter.payload());
        return Json.write(node);
    }
}
