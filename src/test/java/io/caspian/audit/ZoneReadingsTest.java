package io.caspian.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ZoneReadingsTest {

    private static final long HOUR = 3_600_000L;

    @Test
    void aLookupFindsTheLatestReadingAtOrBeforeTheTimeWhileItIsFresh() {
        ZoneReadings zone = new ZoneReadings();
        zone.add(10_000, 300);
        zone.add(30_000, 200);
        zone.add(20_000, 250); // out of order: goes between
        zone.add(30_000, 210); // the same instant again: replaces

        assertThat(zone.timesMillis()).containsExactly(10_000L, 20_000L, 30_000L);
        assertThat(zone.at(9_999, 60_000)).isNaN();
        assertThat(zone.at(10_000, 60_000)).isEqualTo(300);
        assertThat(zone.at(29_999, 60_000)).isEqualTo(250);
        assertThat(zone.at(90_000, 60_000)).isEqualTo(210);
        assertThat(zone.at(90_001, 60_000)).isNaN();
    }

    @Test
    void readingsOlderThanTheRetentionBehindTheNewestAreDropped() {
        ZoneReadings zone = new ZoneReadings();
        for (long t = 0; t <= 30 * HOUR; t += HOUR) {
            zone.add(t, t / HOUR);
        }
        assertThat(zone.timesMillis()).hasSize(25).startsWith(6 * HOUR).endsWith(30 * HOUR);
        assertThat(zone.intensities()).startsWith(6.0);
    }

    /**
     * Against a sum over every millisecond of the span of the reading in force then, found by scanning
     * all readings: random readings (some out of order, some at one instant) and random spans, some
     * starting before the first reading, ending after the last, or empty, and many starting or ending
     * within a millisecond of a reading's start or of its going stale.
     */
    @Test
    void aSpanIsPricedAsTheSumOverEachMillisecondOfTheReadingInForce() {
        Random random = new Random(7);
        for (int run = 0; run < 1_000; run++) {
            ZoneReadings zone = new ZoneReadings();
            int readings = random.nextInt(40); // past the first arrays' 8, so they grow
            long[] times = new long[readings];
            double[] values = new double[readings];
            for (int i = 0; i < readings; i++) {
                times[i] = 100L * random.nextInt(200);
                values[i] = 50 + random.nextInt(500);
                zone.add(times[i], values[i]);
            }
            // on a grid of 100 ms, one off at times: spans that start or end where a reading starts or goes stale
            long maxAge = 100L * (1 + random.nextInt(60)) + random.nextInt(3) - 1;
            long from = 100L * random.nextInt(240) - 2_000 + random.nextInt(3) - 1;
            long to = Math.max(from, from + 100L * random.nextInt(80) + random.nextInt(3) - 1);

            double expectedHours = 0;
            long expectedCovered = 0;
            for (long t = from; t < to; t++) {
                double inForce = scan(times, values, t, maxAge);
                if (!Double.isNaN(inForce)) {
                    expectedHours += inForce / HOUR;
                    expectedCovered++;
                }
                if (t % 97 == 0) {
                    assertThat(Double.valueOf(zone.at(t, maxAge))).isEqualTo(Double.valueOf(inForce));
                }
            }
            ZoneReadings.Coverage coverage = zone.integrate(from, to, maxAge);
            assertThat(coverage.coveredMillis()).as("run %d", run).isEqualTo(expectedCovered);
            assertThat(coverage.intensityHours()).as("run %d", run).isCloseTo(expectedHours, within(1e-9));
        }
    }

    /**
     * A day of readings every ten minutes for three days, a tenth of them late by up to an hour: the
     * kept readings are those of the last 24 h behind the newest, in time order, as a list would keep them.
     */
    @Test
    void aLongFeedKeepsTheLastDayInOrderAsItsArraysGrowAndMoveOn() {
        Random random = new Random(11);
        ZoneReadings zone = new ZoneReadings();
        java.util.TreeMap<Long, Double> all = new java.util.TreeMap<>();
        long newest = Long.MIN_VALUE;
        for (long step = 0; step < 3 * 144; step++) {
            long time = step * 600_000L - (random.nextInt(10) == 0 ? random.nextInt(6) * 600_000L : 0);
            double value = random.nextInt(800);
            zone.add(time, value);
            all.put(time, value);
            newest = Math.max(newest, time);
            java.util.SortedMap<Long, Double> kept = all.tailMap(newest - ZoneReadings.RETENTION_MILLIS);
            assertThat(zone.timesMillis()).containsExactly(kept.keySet().stream().mapToLong(Long::longValue).toArray());
            assertThat(zone.intensities()).containsExactly(kept.values().stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    /** Two days at a minute: the arrays have grown and moved on, and only the live readings are written. */
    @Test
    void theSerializerWritesTheLiveReadingsAsOneBlockAndReadsThemBack() throws IOException {
        ZoneReadings zone = new ZoneReadings();
        for (long minute = 0; minute < 2 * 24 * 60; minute++) {
            zone.add(minute * 60_000L, minute % 500);
        }
        ZoneReadings.Serializer serializer = ZoneReadings.Serializer.INSTANCE;
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(zone, out);

        assertThat(zone.size()).isEqualTo(24 * 60 + 1);
        assertThat(out.length()).isEqualTo(Integer.BYTES + zone.size() * 2 * Long.BYTES);
        ZoneReadings back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back.timesMillis()).containsExactly(zone.timesMillis());
        assertThat(back.intensities()).containsExactly(zone.intensities());
        back.add(2 * 24 * 60 * 60_000L, 1); // one that grows the arrays read back
        assertThat(back.size()).isEqualTo(zone.size());

        ZoneReadings copy = serializer.copy(zone);
        copy.add(0, 999); // expired behind its newest: the copy drops it, and the original is untouched
        copy.add(3 * 24 * 60 * 60_000L, 7);
        assertThat(copy.size()).isEqualTo(1);
        assertThat(zone.size()).isEqualTo(24 * 60 + 1);

        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());

        ZoneReadings none = new ZoneReadings();
        DataOutputSerializer empty = new DataOutputSerializer(8);
        serializer.serialize(none, empty);
        for (ZoneReadings fromNone : List.of(serializer.copy(none),
                serializer.deserialize(new DataInputDeserializer(empty.getCopyOfBuffer())))) {
            fromNone.add(60_000L, 5); // empty arrays, as copied or read back, still take a reading
            assertThat(fromNone.at(60_000L, 0)).isEqualTo(5);
        }

        DataOutputSerializer snapshot = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(snapshot, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<ZoneReadings> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(snapshot.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(restored.restoreSerializer()).isSameAs(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs()).isTrue();
    }

    @Test
    void readingsKeptInTheFormerListsAreTakenOver() {
        ZoneIntensities kept = new ZoneIntensities();
        kept.timesMillis.addAll(java.util.List.of(10_000L, 20_000L));
        kept.intensities.addAll(java.util.List.of(300.0, 250.0));

        ZoneReadings readings = ZoneReadings.of(kept);

        assertThat(readings.timesMillis()).containsExactly(10_000L, 20_000L);
        assertThat(readings.intensities()).containsExactly(300.0, 250.0);
    }

    /** The reading in force at t: of the readings at or before it the last added at the latest such time. */
    private static double scan(long[] times, double[] values, long t, long maxAge) {
        long best = Long.MIN_VALUE;
        double value = Double.NaN;
        for (int i = 0; i < times.length; i++) {
            if (times[i] <= t && times[i] >= best) {
                best = times[i];
                value = values[i];
            }
        }
        return best != Long.MIN_VALUE && t - best <= maxAge ? value : Double.NaN;
    }
}
