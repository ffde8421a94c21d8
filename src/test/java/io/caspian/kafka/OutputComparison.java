package io.caspian.kafka;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Compares two runs' committed output record for record, apart from what the wall clock decides. */
final class OutputComparison {

    private OutputComparison() {}

    /**
     * Each record as key and value, counted. The runs' topic prefixes are taken out, and so are the
     * fields of wall-clock time: the optimizer's own time and the latency figures built on it, and the
     * time the test produced an input record, which a dead letter carries.
     */
    static Map<String, Integer> counted(List<ConsumerRecord<String, String>> records, String... prefixes) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ConsumerRecord<String, String> r : records) {
            String line = r.key() + " " + r.value();
            for (String prefix : prefixes) {
                line = line.replace(prefix, "");
            }
            line = line.replaceAll("\"execution_time_ms\":\\d+", "\"execution_time_ms\":-")
                    .replaceAll("\"solver_ms\":\\d+", "\"solver_ms\":-")
                    .replaceAll("\"decision_latency_(\\w+)_ms\":[0-9.]+", "\"decision_latency_$1_ms\":-")
                    .replaceAll("\"timestamp\":\"[^\"]*\",\"stage\"", "\"timestamp\":-,\"stage\"");
            counts.merge(line, 1, Integer::sum);
        }
        return counts;
    }

    /** What {@code a} holds more often than {@code b}. */
    static Map<String, Integer> difference(Map<String, Integer> a, Map<String, Integer> b) {
        Map<String, Integer> more = new TreeMap<>();
        a.forEach((line, count) -> {
            int extra = count - b.getOrDefault(line, 0);
            if (extra > 0) {
                more.put(line, extra);
            }
        });
        return more;
    }
}
