package io.caspian.jobs;

import io.caspian.events.KeyedRawRecord;
import io.caspian.events.RawRecord;
import io.caspian.workflows.CaspianWorkflow;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs the workflow over bounded inputs and hands every output record to the caller as it arrives:
 * the embedded demo, the back-test and the MiniCluster tests share it.
 */
public final class BoundedRun {

    private BoundedRun() {}

    /** A bounded source of raw records, emitted in list order by one reader. */
    public static DataStream<RawRecord> source(StreamExecutionEnvironment env, List<RawRecord> records, String name) {
        return env.fromData(records, TypeInformation.of(RawRecord.class)).name(name).uid(name).setParallelism(1);
    }

    /**
     * A bounded source with no records, for an input a run does not use. Flink refuses {@code fromData}
     * of an empty list, so one placeholder is read and filtered away.
     */
    /** Inputs of a run fed only carbon, workloads and clusters: no events from other modules, no alert rules. */
    public static CaspianWorkflow.Sources sources(StreamExecutionEnvironment env, DataStream<RawRecord> carbon,
            DataStream<RawRecord> workloads, DataStream<RawRecord> clusters) {
        return new CaspianWorkflow.Sources(carbon, workloads, clusters,
                none(env, new RawRecord("events-in", 0, 0, 0, "{}"), RawRecord.class, "events-in"),
                none(env, new KeyedRawRecord("alert-rules", 0, 0, 0, null, null), KeyedRawRecord.class, "alert-rules"));
    }

    public static <T> DataStream<T> none(StreamExecutionEnvironment env, T placeholder, Class<T> type, String name) {
        return env.fromData(List.of(placeholder), TypeInformation.of(type)).name(name).uid(name).setParallelism(1)
                .filter(record -> false).name(name + " (no records)").uid(name + "-none").setParallelism(1);
    }

    /** Executes the job and returns everything it produced; {@code each} sees every record first. */
    public static CollectedOutputs execute(StreamExecutionEnvironment env, CaspianWorkflow.Outputs outputs, String jobName,
            Consumer<TaggedOutput> each) throws Exception {
        CollectedOutputs collected = new CollectedOutputs();
        try (CloseableIterator<TaggedOutput> results = TaggedOutput.union(outputs).collectAsync()) {
            env.executeAsync(jobName);
            while (results.hasNext()) {
                TaggedOutput output = results.next();
                output.addTo(collected);
                each.accept(output);
            }
        }
        return collected;
    }
}
