package io.caspian.functions;

import io.caspian.events.DeadLetter;
import io.caspian.events.SchedulerInput;
import io.caspian.events.WorkloadAction;
import io.caspian.events.WorkloadEvent;
import io.caspian.events.json.WorkloadEventJson;
import io.caspian.metrics.DeadLetterCounters;
import io.caspian.scheduling.Domains;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by job: sends each workload record to the scheduling domain that plans the workload. A
 * submission's domain comes from its affinity ({@link Domains#of(io.caspian.events.WorkloadSpec)}) and
 * is remembered, so that the job's later records (cancelled, completed, running, failed), and a
 * submission of the same job_id again, follow it; one whose affinity spans domains is refused as
 * {@value #SPANS_DOMAINS}. The memory is dropped a day after
 * the workload's deadline, when nothing more can come for it.
 */
public class WorkloadDomains extends KeyedProcessFunction<String, WorkloadEvent, SchedulerInput> {

    public static final String SPANS_DOMAINS = "spans_domains";
    static final String DOMAIN_STATE = "workload-domain";
    static final long RETENTION_AFTER_DEADLINE_MILLIS = 24 * 60 * 60_000L;

    private final Domains domains;
    private final String sourceName;
    private transient ValueState<String> domain;
    private transient DeadLetterCounters deadLetters;

    public WorkloadDomains(Domains domains, String sourceName) {
        this.domains = domains;
        this.sourceName = sourceName;
    }

    @Override
    public void open(OpenContext openContext) {
        domain = getRuntimeContext().getState(new ValueStateDescriptor<>(DOMAIN_STATE, String.class));
        deadLetters = new DeadLetterCounters(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(WorkloadEvent event, Context ctx, Collector<SchedulerInput> out) throws Exception {
        if (event.action() != WorkloadAction.SUBMITTED) {
            String known = domain.value();
            // a record of a job no domain knows goes to the default domain, which refuses it as unknown_job
            out.collect(SchedulerInput.of(event).inDomain(known != null ? known : Domains.DEFAULT));
            return;
        }
        String target = domains.of(event.spec());
        if (target == null) {
            deadLetters.count(SPANS_DOMAINS);
            String detail = "affinity_clusters span the scheduling domains " + domains.named(event.spec())
                    + "; a workload is planned by one domain, so its affinity must name clusters of one";
            ctx.output(OutputTags.DEAD_LETTERS, event.origin() != null
                    ? DeadLetter.of(event.origin(), event.timestampMillis(), DeadLetter.ROUNDS, SPANS_DOMAINS, detail)
                    : DeadLetter.generated(sourceName, event.timestampMillis(), WorkloadEventJson.write(event), DeadLetter.ROUNDS,
                            SPANS_DOMAINS, detail));
            return;
        }
        String known = domain.value();
        if (known != null) {
            // a job_id submitted again goes where the first went, whose rounds refuse a duplicate
            out.collect(SchedulerInput.of(event).inDomain(known));
            return;
        }
        domain.update(target);
        ctx.timerService().registerEventTimeTimer(
                event.timestampMillis() + event.spec().deadlineMinutes() * 60_000L + RETENTION_AFTER_DEADLINE_MILLIS);
        out.collect(SchedulerInput.of(event).inDomain(target));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SchedulerInput> out) {
        domain.clear();
    }
}
