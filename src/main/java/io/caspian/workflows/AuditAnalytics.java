package io.caspian.workflows;

import io.caspian.audit.InefficiencyRules;
import io.caspian.config.CaspianConfig;
import io.caspian.events.Alert;
import io.caspian.events.AlertRuleUpdate;
import io.caspian.events.AnalyticsRecord;
import io.caspian.events.AuditEvent;
import io.caspian.events.CarbonReading;
import io.caspian.events.CarbonSample;
import io.caspian.events.Cluster;
import io.caspian.events.DeadLetter;
import io.caspian.events.DecisionSample;
import io.caspian.events.ForecastError;
import io.caspian.events.KeyedRawRecord;
import io.caspian.events.Placement;
import io.caspian.events.RoundSummary;
import io.caspian.events.SlaSample;
import io.caspian.functions.AlertEvaluator;
import io.caspian.functions.CarbonEfficiencyAggregate;
import io.caspian.functions.DecisionSamples;
import io.caspian.functions.ForecastErrorAggregate;
import io.caspian.functions.ForecastErrorWindow;
import io.caspian.functions.InefficiencyDetector;
import io.caspian.functions.LateDecisions;
import io.caspian.functions.ParseAlertRules;
import io.caspian.functions.PolicySamples;
import io.caspian.functions.PolicySwitchAnalytics;
import io.caspian.audit.PolicySample;
import io.caspian.functions.SummaryAccounting;
import io.caspian.functions.SchedulingPerformanceAggregate;
import io.caspian.functions.SlaComplianceAggregate;
import io.caspian.functions.SlaSamples;
import io.caspian.functions.StampWindow;
import io.caspian.validation.EventClock;
import io.caspian.validation.InputLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The audit part of the graph: inefficiency detection on the cluster stream, the windowed analytics
 * of decisions, round summaries and ended workloads, and the alert rules applied to the analytics. Called by
 * {@link CaspianWorkflow#build}; kept apart so that the scheduling graph stays readable.
 *
 * <pre>
 * clusters ─ keyBy cluster ─ InefficiencyDetector (carbon broadcast) ─> inefficiency_detected
 * decisions ─ DecisionSamples ────────┐
 * round summaries ─ SummaryAccounting ─┼─ keyBy scope ─ tumbling windows (AggregateFunction + StampWindow) ─> analytics
 * placements (ended) ─ SlaSamples ─────┤
 * forecast errors (scored in the rounds)┘ (keyBy zone; the window function also sets the error gauges)
 * summaries, decisions, ended workloads, policy_change ─ PolicySamples ─ PolicySwitchAnalytics ─> analytics (policy_switch)
 * analytics ─ keyBy scope|window ─ AlertEvaluator (rules broadcast) ─> alerts
 * </pre>
 */
public final class AuditAnalytics {

    private AuditAnalytics() {}

    public static SingleOutputStreamOperator<AuditEvent> inefficiencies(CaspianConfig config, DataStream<Cluster> clusters,
            DataStream<CarbonReading> carbon) {
        // every detector subtask gets every reading: only what prices a span is sent
        DataStream<CarbonReading> intensities = carbon.map(CarbonReading::intensityOnly)
                .name("readings to price under-use").uid("inefficiency-readings");
        return clusters.keyBy(Cluster::name)
                .connect(intensities.broadcast(InefficiencyDetector.BROADCAST_STATES))
                .process(new InefficiencyDetector(InefficiencyRules.of(config), config.carbon().maxAge().toMillis()))
                .name("inefficiency detector").uid("inefficiency-detector");
    }

    /** The analytics records, and dead letters for decisions too late for a window. */
    public record Analytics(DataStream<AnalyticsRecord> records, DataStream<DeadLetter> lateDecisions) {}

    /** One record per configured window, scope and metric group. */
    public static Analytics analytics(CaspianConfig config, DataStream<AuditEvent> auditEvents,
            DataStream<Placement> placements, DataStream<RoundSummary> summaries, DataStream<ForecastError> forecastErrors) {
        DataStream<DecisionSample> decisions = auditEvents.flatMap(new DecisionSamples())
                .name("decision samples").uid("decision-samples");
        DataStream<CarbonSample> carbon = summaries.flatMap(new SummaryAccounting())
                .name("round accounting").uid("round-accounting");
        DataStream<SlaSample> sla = placements.flatMap(new SlaSamples()).name("sla samples").uid("sla-samples");

        List<DataStream<AnalyticsRecord>> records = new ArrayList<>();
        List<DataStream<DeadLetter>> late = new ArrayList<>();
        for (Map.Entry<String, Duration> window : config.audit().analyticsWindows().entrySet()) {
            String label = window.getKey();
            long millis = window.getValue().toMillis();
            OutputTag<DecisionSample> lateTag = new OutputTag<>("late-decisions-" + label, TypeInformation.of(DecisionSample.class));
            SingleOutputStreamOperator<AnalyticsRecord> performance = decisions.keyBy(DecisionSample::scope)
                    .window(TumblingEventTimeWindows.of(window.getValue()))
                    .sideOutputLateData(lateTag)
                    .aggregate(new SchedulingPerformanceAggregate(millis), new StampWindow(label))
                    .name("scheduling performance " + label).uid("scheduling-performance-" + label);
            records.add(performance);
            late.add(performance.getSideOutput(lateTag).flatMap(new LateDecisions(label))
                    .name("late decisions " + label).uid("late-decisions-" + label));
            records.add(windowed(carbon, CarbonSample::scope, new CarbonEfficiencyAggregate(config.audit().pricePerKwh()),
                    window, AnalyticsRecord.CARBON_EFFICIENCY));
            records.add(windowed(sla, SlaSample::scope, new SlaComplianceAggregate(), window, AnalyticsRecord.SLA_COMPLIANCE));
            records.add(forecastErrors.keyBy(ForecastError::zone)
                    .window(TumblingEventTimeWindows.of(window.getValue()))
                    .aggregate(new ForecastErrorAggregate(), new ForecastErrorWindow(label))
                    .name("forecast error " + label).uid("forecast-error-" + label));
        }
        records.add(policySwitches(config, auditEvents, placements, summaries));
        return new Analytics(unionOf(records), unionOf(late));
    }

    /** Each policy switch compared over equal spans before and after it (one key: the fleet's switches are few). */
    private static DataStream<AnalyticsRecord> policySwitches(CaspianConfig config, DataStream<AuditEvent> auditEvents,
            DataStream<Placement> placements, DataStream<RoundSummary> summaries) {
        long interval = config.scheduler().interval().toMillis();
        DataStream<PolicySample> samples = summaries
                .map(PolicySamples.intervals(interval), TypeInformation.of(PolicySample.class))
                .name("policy samples: intervals").uid("policy-samples-intervals")
                .union(auditEvents.flatMap(new PolicySamples.FromAudit(), TypeInformation.of(PolicySample.class))
                                .name("policy samples: decisions and switches").uid("policy-samples-audit"),
                        placements.flatMap(new PolicySamples.Ended(), TypeInformation.of(PolicySample.class))
                                .name("policy samples: ended workloads").uid("policy-samples-ended"));
        return samples.keyBy(sample -> AnalyticsRecord.OVERALL)
                .process(new PolicySwitchAnalytics(config.audit().policySwitchSpan().toMillis(), interval,
                        config.audit().pricePerKwh()), TypeInformation.of(AnalyticsRecord.class))
                .name("policy switch comparison").uid("policy-switch-comparison");
    }

    private static <T> DataStream<T> unionOf(List<DataStream<T>> streams) {
        DataStream<T> all = streams.get(0);
        for (DataStream<T> more : streams.subList(1, streams.size())) {
            all = all.union(more);
        }
        return all;
    }

    private static <S, A> DataStream<AnalyticsRecord> windowed(DataStream<S> samples, KeySelector<S, String> scope,
            AggregateFunction<S, A, AnalyticsRecord> aggregate, Map.Entry<String, Duration> window, String group) {
        String id = group.replace('_', '-') + "-" + window.getKey();
        return samples.keyBy(scope)
                .window(TumblingEventTimeWindows.of(window.getValue()))
                .aggregate(aggregate, new StampWindow(window.getKey()))
                .name(group.replace('_', ' ') + " " + window.getKey()).uid(id);
    }

    /** Parsed rule updates; invalid rules on the dead-letter side output. */
    public static SingleOutputStreamOperator<AlertRuleUpdate> alertRules(CaspianConfig config,
            DataStream<KeyedRawRecord> alertRules) {
        return alertRules
                .process(new ParseAlertRules(windowLabels(config),
                                new InputLimits(config.limits(), EventClock.wall())),
                        TypeInformation.of(AlertRuleUpdate.class))
                .name("parse alert rules").uid("parse-alert-rules");
    }

    /** The window labels an alert rule may name: the configured windows and policy switches. */
    static List<String> windowLabels(CaspianConfig config) {
        List<String> labels = new ArrayList<>(config.audit().analyticsWindows().keySet());
        labels.add(PolicySwitchAnalytics.WINDOW);
        return List.copyOf(labels);
    }

    public static DataStream<Alert> alerts(DataStream<AnalyticsRecord> analytics, DataStream<AlertRuleUpdate> rules) {
        return analytics.keyBy(AlertEvaluator::key)
                .connect(rules.broadcast(AlertEvaluator.RULES))
                .process(new AlertEvaluator())
                .name("alert evaluator").uid("alert-evaluator");
    }
}
