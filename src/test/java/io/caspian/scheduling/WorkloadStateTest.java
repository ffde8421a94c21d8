package io.caspian.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.events.WorkloadPhase;
import io.caspian.events.WorkloadSpec;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A round writes a workload back only when {@link WorkloadState#sameAs} says it changed: no field may be missed. */
class WorkloadStateTest {

    static WorkloadState sample() {
        WorkloadSpec spec = new WorkloadSpec(4, 16, 0, 10, 60, 600, List.of("carbon-kr"), "img", List.of("run"), null);
        WorkloadState w = WorkloadState.submitted("w-1", spec, 1_000_000L, "carbon-kr");
        w.cluster = "carbon-kr";
        w.runningSinceMillis = 2_000_000L;
        w.lastDecisionKey = "running|carbon-kr";
        return w;
    }

    @Test
    void aCopyIsTheSameAndAChangeToAnyFieldIsSeen() throws Exception {
        WorkloadState original = sample();
        assertThat(original.copy().sameAs(original)).isTrue();
        for (Field field : WorkloadState.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            WorkloadState changed = original.copy();
            field.set(changed, otherValue(field, field.get(changed)));
            assertThat(changed.sameAs(original)).as("a change to " + field.getName() + " must be seen").isFalse();
        }
    }

    private static Object otherValue(Field field, Object value) {
        Class<?> type = field.getType();
        if (type == long.class || type == Long.class) {
            return value == null ? 1L : (Long) value + 1;
        }
        if (type == int.class) {
            return (Integer) value + 1;
        }
        if (type == double.class) {
            return (Double) value + 0.5;
        }
        if (type == String.class) {
            return value + "-other";
        }
        if (type == WorkloadPhase.class) {
            return value == WorkloadPhase.RUNNING ? WorkloadPhase.PENDING : WorkloadPhase.RUNNING;
        }
        if (type == WorkloadSpec.class) {
            return new WorkloadSpec(8, 16, 0, 10, 60, 600, List.of(), null, List.of(), null);
        }
        throw new IllegalStateException("no other value for field " + field.getName() + " of " + type);
    }
}
