package io.caspian.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Where a benchmark run's time went, task by task: each subtask's accumulated busy, back-pressured and
 * idle time as Flink counts them ({@code accumulateBusyTimeMs}, {@code accumulateBackPressuredTimeMs},
 * {@code accumulateIdleTimeMs}). A metric reporter of the benchmark's mini cluster collects the three
 * gauges of every task, and reads them one last time as the task ends. A task near 100 % busy while its
 * upstream is back-pressured is what limits the run.
 *
 * <p>Busy time on a machine with fewer cores than busy threads includes waiting for a core, so the shares
 * show which task is in the way, not how much CPU it used.
 */
public final class TaskLoad implements MetricReporter {

    static final String REPORTER = "metrics.reporter.taskload.factory.class";
    private static final String BUSY = "accumulateBusyTimeMs";
    private static final String BACK_PRESSURED = "accumulateBackPressuredTimeMs";
    private static final String IDLE = "accumulateIdleTimeMs";

    /** A subtask's three times, in ms: a live gauge until the task ends, then the value read as it ended. */
    private static final class Times {
        final Map<String, Gauge<?>> gauges = new ConcurrentHashMap<>();
        final Map<String, Long> finalMillis = new ConcurrentHashMap<>();

        long millis(String name) {
            Long last = finalMillis.get(name);
            if (last != null) {
                return last;
            }
            Gauge<?> gauge = gauges.get(name);
            return gauge == null ? 0 : read(gauge);
        }
    }

    /**
     * One subtask's busy, back-pressured and idle time, each in percent of the job's run (the longest
     * any of its subtasks ran): a source that ended early counts little.
     */
    public record Row(String task, double busyPercent, double backPressuredPercent, double idlePercent) {}

    /** The reporter is created by the mini cluster in this JVM; the benchmark reads what it collected here. */
    private static final Map<String, Times> TASKS = new ConcurrentHashMap<>();
    private static final char SEPARATOR = '\u0000';

    /** Adds this reporter to a mini cluster's configuration. */
    static Configuration enable(Configuration conf) {
        conf.setString(REPORTER, Factory.class.getName());
        return conf;
    }

    /** The subtasks of one job, busiest first; the collected times of that job are then forgotten. */
    static List<Row> take(String job) {
        Map<String, long[]> millis = new HashMap<>();
        long run = 0;
        for (Map.Entry<String, Times> entry : TASKS.entrySet()) {
            int cut = entry.getKey().indexOf(SEPARATOR);
            if (entry.getKey().substring(0, cut).equals(job)) {
                Times times = entry.getValue();
                long[] three = {times.millis(BUSY), times.millis(BACK_PRESSURED), times.millis(IDLE)};
                millis.put(entry.getKey().substring(cut + 1), three);
                run = Math.max(run, three[0] + three[1] + three[2]);
                TASKS.remove(entry.getKey());
            }
        }
        List<Row> rows = new ArrayList<>();
        if (run == 0) {
            return rows; // nothing was counted: no share to give
        }
        for (Map.Entry<String, long[]> entry : millis.entrySet()) {
            long[] three = entry.getValue();
            rows.add(new Row(entry.getKey(), 100.0 * three[0] / run, 100.0 * three[1] / run, 100.0 * three[2] / run));
        }
        rows.sort(Comparator.comparingDouble(Row::busyPercent).reversed().thenComparing(Row::task));
        return rows;
    }

    /** Prints the {@code limit} busiest subtasks of a job. */
    static void print(PrintStream out, String job, int limit) {
        List<Row> rows = take(job);
        out.printf(Locale.ROOT, "where %s's time went (busiest subtasks; busy / back-pressured / idle, in %% of the job's run):%n", job);
        for (Row row : rows.subList(0, Math.min(limit, rows.size()))) {
            String task = row.task().length() > 90 ? row.task().substring(0, 87) + "..." : row.task();
            out.printf(Locale.ROOT, "  %3.0f %% / %3.0f %% / %3.0f %%  %s%n", row.busyPercent(), row.backPressuredPercent(),
                    row.idlePercent(), task);
        }
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (metric instanceof Gauge<?> gauge && isTime(name)) {
            TASKS.computeIfAbsent(key(group), k -> new Times()).gauges.put(name, gauge);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        if (metric instanceof Gauge<?> gauge && isTime(name)) {
            Times times = TASKS.get(key(group));
            if (times != null) {
                times.finalMillis.put(name, read(gauge));
            }
        }
    }

    private static boolean isTime(String name) {
        return BUSY.equals(name) || BACK_PRESSURED.equals(name) || IDLE.equals(name);
    }

    /** Job name, then the subtask as Flink numbers them from 1 in its thread names, then the task's name. */
    private static String key(MetricGroup group) {
        Map<String, String> variables = group.getAllVariables();
        int subtask = Integer.parseInt(variables.getOrDefault("<subtask_index>", "0")) + 1;
        return variables.get("<job_name>") + SEPARATOR + "(" + subtask + ") " + variables.get("<task_name>");
    }

    private static long read(Gauge<?> gauge) {
        Object value = gauge.getValue();
        return value instanceof Number number ? number.longValue() : 0;
    }

    /** Found by Flink through {@code META-INF/services}, named in the configuration by {@link #enable}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new TaskLoad();
        }
    }
}
