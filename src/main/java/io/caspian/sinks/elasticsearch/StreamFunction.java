package io.caspian.sinks.elasticsearch;

import java.io.Serializable;
import java.util.function.Function;

/** A function of a record that the sink ships to the task managers, so it must be serializable. */
@FunctionalInterface
public interface StreamFunction<T, R> extends Function<T, R>, Serializable {}
