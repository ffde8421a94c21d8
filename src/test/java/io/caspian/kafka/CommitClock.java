package io.caspian.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Notes the wall time at which a {@code read_committed} consumer first sees each record of some topics,
 * so that an outage test can count what the job committed in a window of wall time: commits, not
 * writes, are what a downstream reader gets.
 */
public final class CommitClock {

    /** The outage. */
    public static final Duration OUTAGE = Duration.ofSeconds(60);
    /** The window before the outage whose rate the outage's is compared with. */
    public static final Duration BEFORE = Duration.ofSeconds(20);
    /** Settling time once a job is at work, before the window before the outage opens. */
    public static final Duration WARM_UP = Duration.ofSeconds(5);
    /** The share of the rate before an outage that the commits must keep during it. */
    public static final double MIN_RATE_SHARE = 0.80;

    private final List<String> topics;
    private final Map<String, ConcurrentLinkedQueue<Long>> seenNanos = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public CommitClock(KafkaTestBroker kafka, List<String> topics) {
        this.topics = List.copyOf(topics);
        topics.forEach(topic -> seenNanos.put(topic, new ConcurrentLinkedQueue<>()));
        thread = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = kafka.committedReader("outage-commit-clock")) {
                consumer.subscribe(topics);
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                        seenNanos.get(record.topic()).add(System.nanoTime());
                    }
                }
            }
        }, "commit-clock");
        thread.setDaemon(true);
    }

    public List<String> topics() {
        return topics;
    }

    public void start() {
        thread.start();
    }

    /** The records first seen from {@code fromNanos} (included) to {@code toNanos} ({@link System#nanoTime}). */
    public Window window(long fromNanos, long toNanos) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String topic : topics) {
            counts.put(topic, (int) seenNanos.get(topic).stream().filter(at -> at >= fromNanos && at < toNanos).count());
        }
        return new Window(counts, toNanos - fromNanos);
    }

    /** A step of an outage test that may throw: taking a dependency away, or giving it back. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    /** What was committed in the window before an outage and in the outage itself. */
    public record Outage(Window before, Window during) {}

    /**
     * The measurement, once the job is at work: {@link #WARM_UP}, then the window {@link #BEFORE},
     * then {@code down}, {@link #OUTAGE}, {@code up}; the outage's window runs from the start of {@code down}
     * to the end of {@code up}.
     */
    public Outage measure(Step down, Step up) throws Exception {
        Thread.sleep(WARM_UP.toMillis());
        long beforeStart = System.nanoTime();
        Thread.sleep(BEFORE.toMillis());
        long outageStart = System.nanoTime();
        down.run();
        Thread.sleep(OUTAGE.toMillis());
        up.run();
        long outageEnd = System.nanoTime();
        return new Outage(window(beforeStart, outageStart), window(outageStart, outageEnd));
    }

    /** Prints each topic's count and rate in two windows, one line a topic. */
    public void print(Window before, Window during) {
        for (String topic : topics) {
            System.out.printf(Locale.ROOT, "%-24s committed before: %4d in %.1f s = %6.2f/s   during: %4d in %.1f s = %6.2f/s%n",
                    topic, before.count(topic), before.seconds(), before.perSecond(topic), during.count(topic), during.seconds(),
                    during.perSecond(topic));
        }
    }

    public void stop() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }

    /** Counts of committed records of a window of wall time, per topic. */
    public record Window(Map<String, Integer> counts, long nanos) {
        public int count(String topic) {
            return counts.getOrDefault(topic, 0);
        }

        public double seconds() {
            return nanos / 1e9;
        }

        public double perSecond(String topic) {
            return count(topic) / seconds();
        }

        /** This window's rate of {@code topic} as a share of {@code reference}'s. */
        public double share(Window reference, String topic) {
            return perSecond(topic) / reference.perSecond(topic);
        }
    }
}
