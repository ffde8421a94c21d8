package io.caspian.testing;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Every WARN (and worse) line logged in the test JVM while it is open, from any logger (Flink's, Kafka's,
 * the job's), to find lines that repeat: a line logged once per checkpoint floods a streaming job's log.
 */
public final class WarnLines implements AutoCloseable {

    /**
     * Flink 2.2.1's CommitterOperator copies its CommittableCollector on every snapshot, and the copy's
     * constructor registers the {@code pendingCommittables} gauge again in the same operator group: one
     * collision per committer subtask per checkpoint, from Flink itself (docs/streaming.md).
     */
    public static final Pattern FLINK_COMMITTER_COLLISION =
            Pattern.compile("Name collision: Group already contains a Metric with the name 'pendingCommittables'.*: Committer, #\\]");

    /** Hex ids of 16 or more digits (with dashes or underscores, as Flink writes them), or plain numbers. */
    private static final Pattern IDS = Pattern.compile("[0-9a-f]{8}(?:[-_]?[0-9a-f]{4,})+|\\b\\d+\\b");

    private final StringWriter writer = new StringWriter();
    private final WriterAppender appender;
    private final LoggerContext context;

    public WarnLines() {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        appender = WriterAppender.newBuilder().setName("warn-lines-" + System.nanoTime()).setTarget(writer)
                .setLayout(PatternLayout.newBuilder().withPattern("%m%n").withAlwaysWriteExceptions(false).build()).build();
        appender.start();
        configuration.addAppender(appender);
        configuration.getRootLogger().addAppender(appender, Level.WARN, null);
        context.updateLoggers();
    }

    /**
     * Each line logged at least {@code times} times, with its count. Numbers and ids (checkpoint ids, job
     * and task ids) are blanked to {@code #}, so that "checkpoint 7" and "checkpoint 8" are one line;
     * the metric scope of a collision (operator name, subtask) stays part of it.
     */
    public synchronized Map<String, Long> repeatedAtLeast(int times) {
        return Arrays.stream(writer.toString().split("\\R")).filter(line -> !line.isBlank())
                .map(line -> IDS.matcher(line).replaceAll("#"))
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() >= times)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    @Override
    public void close() {
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
