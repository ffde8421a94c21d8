package io.caspian.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The benchmark's fleet and feeds: one cluster per zone, long-running one-core workloads (so that all
 * of them stay active and every round re-plans them all), and carbon readings of every zone each
 * {@link #STEP_MILLIS} of event time, keyed by zone so that each partition keeps a zone's order.
 */
public final class BenchInput {

    public static final Instant T0 = Instant.parse("2025-10-22T08:00:00Z");
    /** Event time between two readings of one zone: 300 readings per zone in a five-minute round. */
    public static final long STEP_MILLIS = 1_000;
    static final int CLUSTER_CORES = 256;

    final int zones;
    final int workloads;

    public BenchInput(int zones, int workloads) {
        this.zones = zones;
        this.workloads = workloads;
    }

    public static String zone(int i) {
        return String.format(Locale.ROOT, "Z%02d", i);
    }

    public void produceFleet(KafkaProducer<byte[], byte[]> producer, String clusterTopic, String workloadTopic) {
        String registered = T0.minusSeconds(120).toString();
        for (int z = 0; z < zones; z++) {
            send(producer, clusterTopic, zone(z), "{\"name\":\"cluster-" + zone(z) + "\",\"geolocation\":\"" + zone(z)
                    + "\",\"timestamp\":\"" + registered + "\",\"resources\":{\"total\":{\"cpu\":" + CLUSTER_CORES + ",\"mem_gb\":2048}}}");
        }
        for (int w = 0; w < workloads; w++) {
            String id = String.format(Locale.ROOT, "wl-%05d", w);
            // submissions a few milliseconds apart, as they come from many users
            String submitted = T0.minusSeconds(60).plusMillis(w * 5L).toString();
            send(producer, workloadTopic, id, "{\"job_id\":\"" + id + "\",\"timestamp\":\"" + submitted
                    + "\",\"cpu\":1,\"mem_gb\":2,\"data_gb\":1,\"runtime_minutes\":1440,\"deadline_minutes\":2880}");
        }
    }

    /** The reading of zone {@code z} at step {@code step}: a daily-ish wave, different per zone. */
    public String reading(int z, long step) {
        long at = T0.toEpochMilli() + step * STEP_MILLIS;
        return "{\"zone\":\"" + zone(z) + "\",\"carbon_intensity_gco2_per_kwh\":" + intensity(z, step)
                + ",\"timestamp\":\"" + Instant.ofEpochMilli(at) + "\"}";
    }

    /** Zone {@code z}'s intensity at step {@code step}, to a tenth of a gram. */
    static double intensity(int z, long step) {
        return Math.round((300 + 200 * Math.sin(step / 900.0 + z)) * 10) / 10.0;
    }

    static long eventMillis(long step) {
        return T0.toEpochMilli() + step * STEP_MILLIS;
    }

    public static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)));
    }
}
