package io.caspian.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class TaskLoadTest {

    /** A task's metric group as the reporter sees it: only its scope variables matter. */
    private static MetricGroup task(String job, String name, int subtaskIndex) {
        return new UnregisteredMetricsGroup() {
            @Override
            public Map<String, String> getAllVariables() {
                return Map.of("<job_name>", job, "<task_name>", name, "<subtask_index>", Integer.toString(subtaskIndex));
            }
        };
    }

    private static Gauge<Long> gauge(AtomicLong value) {
        return value::get;
    }

    @Test
    void sharesAreOfTheLongestRunAndAnEndedTaskKeepsItsLastTimes() {
        TaskLoad reporter = new TaskLoad();
        MetricGroup rounds = task("job-a", "placement rounds", 1);
        MetricGroup source = task("job-a", "source", 0);
        AtomicLong roundsBusy = new AtomicLong(900);
        AtomicLong sourceBusy = new AtomicLong(100);
        reporter.notifyOfAddedMetric(gauge(roundsBusy), "accumulateBusyTimeMs", rounds);
        reporter.notifyOfAddedMetric(gauge(new AtomicLong(0)), "accumulateBackPressuredTimeMs", rounds);
        reporter.notifyOfAddedMetric(gauge(new AtomicLong(100)), "accumulateIdleTimeMs", rounds);
        reporter.notifyOfAddedMetric(gauge(sourceBusy), "accumulateBusyTimeMs", source);
        reporter.notifyOfAddedMetric(gauge(new AtomicLong(150)), "accumulateBackPressuredTimeMs", source);
        reporter.notifyOfAddedMetric(gauge(new AtomicLong(0)), "accumulateIdleTimeMs", source);
        reporter.notifyOfAddedMetric(gauge(new AtomicLong(5)), "numRecordsIn", source); // not a time: ignored
        reporter.notifyOfAddedMetric(gauge(new AtomicLong(7_000)), "accumulateBusyTimeMs", task("job-b", "other", 0));
        // the source ends: its times are read as it goes, and a later change of the gauge no longer counts
        reporter.notifyOfRemovedMetric(gauge(sourceBusy), "accumulateBusyTimeMs", source);
        sourceBusy.set(10_000);

        List<TaskLoad.Row> rows = TaskLoad.take("job-a");

        assertThat(rows).extracting(TaskLoad.Row::task).containsExactly("(2) placement rounds", "(1) source");
        assertThat(rows.get(0).busyPercent()).isEqualTo(90.0);
        assertThat(rows.get(0).idlePercent()).isEqualTo(10.0);
        assertThat(rows.get(1).busyPercent()).isEqualTo(10.0);
        assertThat(rows.get(1).backPressuredPercent()).isEqualTo(15.0);
        assertThat(TaskLoad.take("job-a")).as("taken once").isEmpty();
        assertThat(TaskLoad.take("job-b")).extracting(TaskLoad.Row::busyPercent).containsExactly(100.0);
    }
}
