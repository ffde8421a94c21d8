package io.caspian.jobs;

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
