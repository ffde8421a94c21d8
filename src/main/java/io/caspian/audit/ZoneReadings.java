package io.caspian.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A zone's recent carbon readings in time order, so that a span of event time is priced with the
 * reading that was in force then, even when the carbon stream has run ahead of the cluster stream.
 * Readings older than the retention behind the newest are dropped.
 *
 * <p>It is the inefficiency detector's broadcast state, which every subtask copies and writes whole at
 * each checkpoint: a feed that reads every minute keeps 1,440 readings a day per zone. So the readings
 * are two primitive arrays, copied as arrays and written as one block ({@link Serializer}); a lookup
 * is a binary search; and a span is priced from the readings that can be in force within it.
 */
public final class ZoneReadings {

    public static final long RETENTION_MILLIS = 24 * 3_600_000L;

    /** Live readings are [first, end) of both arrays; expired ones are dropped by moving first on. */
    private long[] times;
    private double[] intensities;
    private int first;
    private int end;

    public ZoneReadings() {
        this(new long[8], new double[8], 0);
    }

    private ZoneReadings(long[] times, double[] intensities, int size) {
        this.times = times;
        this.intensities = intensities;
        this.end = size;
    }

    /** The readings a savepoint taken before this form kept ({@link ZoneIntensities}). */
    public static ZoneReadings of(ZoneIntensities kept) {
        ZoneReadings readings = new ZoneReadings();
        for (int i = 0; i < kept.timesMillis.size(); i++) {
            readings.add(kept.timesMillis.get(i), kept.intensities.get(i));
        }
        return readings;
    }

    public int size() {
        return end - first;
    }

    /** The live readings' times, oldest first (a copy). */
    long[] timesMillis() {
        return Arrays.copyOfRange(times, first, end);
    }

    /** The live readings' intensities, in the order of their times (a copy). */
    double[] intensities() {
        return Arrays.copyOfRange(intensities, first, end);
    }

    /** A reading; one at the same instant as a kept one replaces it. */
    public void add(long timeMillis, double intensity) {
        int at = firstAfter(timeMillis); // after every live reading at or before it
        if (at > first && times[at - 1] == timeMillis) {
            intensities[at - 1] = intensity;
        } else {
            if (end == times.length) {
                makeRoom();
                at = firstAfter(timeMillis);
            }
            System.arraycopy(times, at, times, at + 1, end - at);
            System.arraycopy(intensities, at, intensities, at + 1, end - at);
            times[at] = timeMillis;
            intensities[at] = intensity;
            end++;
        }
        first = firstAfter(times[end - 1] - RETENTION_MILLIS - 1);
    }

    /** The reading in force at the time (the last at or before it) if younger than maxAge, else NaN. */
    public double at(long timeMillis, long maxAgeMillis) {
        int i = firstAfter(timeMillis) - 1;
        if (i < first) {
            return Double.NaN;
        }
        return timeMillis - times[i] <= maxAgeMillis ? intensities[i] : Double.NaN;
    }

    /** Over [from, to): ∫ intensity dt (gCO2/kWh × hours) over the time with a fresh reading, and that time. */
    public record Coverage(double intensityHours, long coveredMillis) {}

    /**
     * Cuts [from, to) where a reading starts or goes stale, and sums each piece at the reading in force
     * at its start. Only readings younger than maxAge at {@code from}, or later, can be in force.
     */
    public Coverage integrate(long fromMillis, long toMillis, long maxAgeMillis) {
        int from = firstAfter(fromMillis - maxAgeMillis - 1);
        int to = firstAfter(toMillis - 1); // readings before toMillis
        long[] cuts = new long[2 * Math.max(0, to - from) + 2];
        int n = 0;
        cuts[n++] = fromMillis;
        cuts[n++] = toMillis;
        for (int i = from; i < to; i++) {
            long starts = times[i];
            long stale = starts + maxAgeMillis + 1;
            if (starts > fromMillis && starts < toMillis) {
                cuts[n++] = starts;
            }
            if (stale > fromMillis && stale < toMillis) {
                cuts[n++] = stale;
            }
        }
        Arrays.sort(cuts, 0, n);
        double intensityHours = 0;
        long covered = 0;
        for (int i = 1; i < n; i++) {
            long previous = cuts[i - 1];
            long cut = cuts[i];
            if (cut == previous) {
                continue;
            }
            double intensity = at(previous, maxAgeMillis);
            if (!Double.isNaN(intensity)) {
                intensityHours += intensity * (cut - previous) / 3_600_000.0;
                covered += cut - previous;
            }
        }
        return new Coverage(intensityHours, covered);
    }

    /** The index of the first live reading later than the time ({@code end} when there is none). */
    private int firstAfter(long timeMillis) {
        int low = first;
        int high = end;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (times[mid] <= timeMillis) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * Room for one more at the end of full arrays: the live part moved to the front, or the arrays doubled
     * (empty ones, as a copy or a restore of no readings makes them, get a few places).
     */
    private void makeRoom() {
        int size = size();
        if (first > 0 && size <= times.length / 2) {
            System.arraycopy(times, first, times, 0, size);
            System.arraycopy(intensities, first, intensities, 0, size);
        } else {
            int length = Math.max(8, times.length * 2);
            long[] moreTimes = new long[length];
            double[] moreIntensities = new double[length];
            System.arraycopy(times, first, moreTimes, 0, size);
            System.arraycopy(intensities, first, moreIntensities, 0, size);
            times = moreTimes;
            intensities = moreIntensities;
        }
        first = 0;
        end = size;
    }

    private ZoneReadings copy() {
        return new ZoneReadings(timesMillis(), intensities(), size());
    }

    /** Writes the live readings as one block: their count, then the times and the intensities. */
    public static final class Serializer extends TypeSerializerSingleton<ZoneReadings> {

        public static final Serializer INSTANCE = new Serializer();

        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public ZoneReadings createInstance() {
            return new ZoneReadings();
        }

        @Override
        public ZoneReadings copy(ZoneReadings from) {
            return from.copy();
        }

        @Override
        public ZoneReadings copy(ZoneReadings from, ZoneReadings reuse) {
            return from.copy();
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(ZoneReadings readings, DataOutputView target) throws IOException {
            int size = readings.size();
            byte[] block = new byte[size * 2 * Long.BYTES];
            ByteBuffer buffer = ByteBuffer.wrap(block);
            buffer.asLongBuffer().put(readings.times, readings.first, size);
            buffer.position(size * Long.BYTES);
            buffer.asDoubleBuffer().put(readings.intensities, readings.first, size);
            target.writeInt(size);
            target.write(block);
        }

        @Override
        public ZoneReadings deserialize(DataInputView source) throws IOException {
            int size = source.readInt();
            byte[] block = new byte[size * 2 * Long.BYTES];
            source.readFully(block);
            long[] times = new long[size];
            double[] intensities = new double[size];
            ByteBuffer buffer = ByteBuffer.wrap(block);
            buffer.asLongBuffer().get(times, 0, size);
            buffer.position(size * Long.BYTES);
            buffer.asDoubleBuffer().get(intensities, 0, size);
            return new ZoneReadings(times, intensities, size);
        }

        @Override
        public ZoneReadings deserialize(ZoneReadings reuse, DataInputView source) throws IOException {
            return deserialize(source);
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            int size = source.readInt();
            byte[] block = new byte[size * 2 * Long.BYTES];
            source.readFully(block);
            target.writeInt(size);
            target.write(block);
        }

        @Override
        public TypeSerializerSnapshot<ZoneReadings> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** The serializer has no configuration; the snapshot names it, for a restore to find it again. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ZoneReadings> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
