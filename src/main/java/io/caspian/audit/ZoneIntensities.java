package io.caspian.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The form in which the inefficiency detector kept a zone's readings in its broadcast state before
 * {@link ZoneReadings}: two lists of boxed values, which every checkpoint copied and wrote value by
 * value. A savepoint taken then still holds it under {@code carbon-by-zone}, so the class stays, as a
 * POJO with these two fields, for that state to restore; the detector moves it into
 * {@link ZoneReadings} ({@link ZoneReadings#of}) and clears it.
 */
public class ZoneIntensities {

    public List<Long> timesMillis = new ArrayList<>();
    public List<Double> intensities = new ArrayList<>();

    public ZoneIntensities() {}
}
