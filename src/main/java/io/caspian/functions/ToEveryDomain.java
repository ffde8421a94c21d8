package io.caspian.functions;

import io.caspian.events.SchedulerInput;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Sends a cluster registration or a carbon reading to the rounds of every scheduling domain: each
 * domain knows every cluster (to tell a zone of another domain from an unknown one) and plans with its
 * own. Domains are few, and registrations and readings are a small part of the traffic.
 */
public class ToEveryDomain<T> implements FlatMapFunction<T, SchedulerInput> {

    /** Makes the scheduler's input of one record. */
    @FunctionalInterface
    public interface AsInput<T> extends Serializable {
        SchedulerInput of(T record);
    }

    private final List<String> domains;
    private final AsInput<T> asInput;

    public ToEveryDomain(List<String> domains, AsInput<T> asInput) {
        this.domains = List.copyOf(domains);
        this.asInput = asInput;
    }

    @Override
    public void flatMap(T record, Collector<SchedulerInput> out) {
        SchedulerInput input = asInput.of(record);
        for (String domain : domains) {
            out.collect(input.inDomain(domain));
        }
    }
}
