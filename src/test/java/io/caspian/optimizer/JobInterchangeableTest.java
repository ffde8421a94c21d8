package io.caspian.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Job#interchangeable} compares every field of a job but its id: the local search skips work on
 * a job interchangeable with one it just tried, so a field it forgot would let two different jobs pass
 * for one. Each field is changed in turn through the record's own components, so a field added later
 * and left out of the comparison fails here.
 */
class JobInterchangeableTest {

    private static final MigrationCostModel MODEL = new MigrationCostModel(50, Map.of());

    @Test
    void twoJobsAreInterchangeableOnlyWhenEveryFieldButTheIdIsEqual() throws Exception {
        Job job = new Job("a", 1.5, 4, 1, 120, 90, 3, true, "site-1", 1, 5, new boolean[] {true, true, false}, 1, MODEL, 2);
        RecordComponent[] fields = Job.class.getRecordComponents();
        Class<?>[] types = new Class<?>[fields.length];
        for (int k = 0; k < fields.length; k++) {
            types[k] = fields[k].getType();
        }
        Constructor<Job> canonical = Job.class.getDeclaredConstructor(types);

        Object[] renamed = values(job, fields);
        renamed[0] = "b";
        assertThat(fields[0].getName()).isEqualTo("id");
        assertThat(job.interchangeable(canonical.newInstance(renamed))).isTrue();
        Object[] copiedArray = values(job, fields);
        copiedArray[11] = job.allowedSites().clone();
        assertThat(job.interchangeable(canonical.newInstance(copiedArray))).as("allowed sites compared by content").isTrue();

        for (int k = 1; k < fields.length; k++) {
            Object[] changed = values(job, fields);
            changed[k] = another(changed[k]);
            assertThat(job.interchangeable(canonical.newInstance(changed))).as("a job with another " + fields[k].getName()).isFalse();
        }
    }

    private static Object[] values(Job job, RecordComponent[] fields) throws Exception {
        Object[] values = new Object[fields.length];
        for (int k = 0; k < fields.length; k++) {
            values[k] = fields[k].getAccessor().invoke(job);
        }
        return values;
    }

    private static Object another(Object value) {
        if (value instanceof Double d) {
            return d + 1;
        }
        if (value instanceof Integer i) {
            return i + 1;
        }
        if (value instanceof Boolean b) {
            return !b;
        }
        if (value instanceof String s) {
            return s + "-other";
        }
        if (value instanceof boolean[] allowed) {
            boolean[] other = allowed.clone();
            other[2] = !other[2];
            return other;
        }
        if (value instanceof MigrationCostModel) {
            return new MigrationCostModel(51, Map.of()); // a model with the same figures is the same model
        }
        throw new AssertionError("a job field of a type this test does not change yet: " + value.getClass());
    }
}
