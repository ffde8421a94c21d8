package io.caspian.testing;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Captures what the job logs under {@code io.caspian} while it runs in the test JVM. */
public final class LogCapture implements AutoCloseable {

    private static final String LOGGER = "io.caspian";
    private final StringWriter writer = new StringWriter();
    private final WriterAppender appender;
    private final LoggerContext context;

    public LogCapture() {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        appender = WriterAppender.newBuilder().setName("capture-" + System.nanoTime()).setTarget(writer)
                .setLayout(PatternLayout.newBuilder().withPattern("%m%n").build()).build();
        appender.start();
        configuration.addAppender(appender);
        configuration.getLoggerConfig(LOGGER).addAppender(appender, Level.INFO, null);
        context.updateLoggers();
    }

    public synchronized List<String> lines() {
        return Arrays.asList(writer.toString().split("\\R"));
    }

    @Override
    public void close() {
        context.getConfiguration().getLoggerConfig(LOGGER).removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
