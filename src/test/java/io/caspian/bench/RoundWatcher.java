package io.caspian.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads the round summaries with read_committed and notes when each round is first seen (every round writes one). */
final class RoundWatcher {

    private static final Pattern ROUND = Pattern.compile("\"round_time\":\"([^\"]+)\"");

    private final Map<Long, Long> firstSeenNanos = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    RoundWatcher(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-watcher");
        thread = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(java.util.List.of(topic));
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                        long now = System.nanoTime();
                        Matcher m = ROUND.matcher(new String(record.value(), StandardCharsets.UTF_8));
                        if (m.find()) {
                            firstSeenNanos.putIfAbsent(Instant.parse(m.group(1)).toEpochMilli(), now);
                        }
                    }
                }
            }
        }, "round-watcher");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Long firstSeenNanos(long roundMillis) {
        return firstSeenNanos.get(roundMillis);
    }

    void awaitRound(long roundMillis, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!firstSeenNanos.containsKey(roundMillis) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
