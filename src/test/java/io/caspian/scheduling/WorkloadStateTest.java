package io.caspian.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.caspian.events.WorkloadPhase;
import io.caspian.events.WorkloadSpec;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A round writes a workload back only when {@link WorkloadState#samePlanAs} says it changed, and its totals
 * only when {@link WorkloadState#sameTotalsAs} does: no field may be missed by both.
 */
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
            // each field is seen by exactly one of the two halves a round writes back apart
            boolean total = TOTALS.contains(field.getName());
            assertThat(changed.samePlanAs(original)).as("the plan's view of " + field.getName()).isEqualTo(total);
            assertThat(changed.sameTotalsAs(original)).as("the totals' view of " + field.getName()).isEqualTo(!total);
        }
    }

    private static final List<String> TOTALS = List.of("emittedCo2G", "baselineCo2G", "unaccountedMinutes");

    @Test
    void theTotalsGoBackIntoTheWorkloadTheyCameFrom() {
        WorkloadState w = sample();
        w.emittedCo2G = 12.5;
        w.baselineCo2G = 20.25;
        w.unaccountedMinutes = 5;
        WorkloadState restored = sample();
        CarbonTotals.of(w).applyTo(restored);
        assertThat(restored.sameAs(w)).isTrue();
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
