package io.caspian.functions;

import io.caspian.events.AnalyticsRecord;
import io.caspian.events.SlaSample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Deadlines met, lateness and completion-to-deadline ratio of the workloads that ended in a window. */
public class SlaComplianceAggregate implements AggregateFunction<SlaSample, SlaComplianceAggregate.Tally, AnalyticsRecord> {

    public static final String ENDED = "workloads_ended";
    public static final String MET = "deadlines_met";
    public static final String MET_PCT = "deadlines_met_pct";
    public static final String LATENESS_TOTAL = "lateness_minutes_total";
    public static final String LATENESS_AVG_MISSED = "lateness_minutes_avg_missed";
    public static final String RATIO_AVG = "completion_to_deadline_ratio_avg";
    public static final String RATIO_MAX = "completion_to_deadline_ratio_max";
    public static final List<String> FIGURES = List.of(ENDED, MET, MET_PCT, LATENESS_TOTAL, LATENESS_AVG_MISSED, RATIO_AVG,
            RATIO_MAX);

    /** The accumulator. */
    public static class Tally {
        public long ended;
        public long met;
        public double latenessMinutes;
        public long ratios;
        public double ratioSum;
        public double ratioMax = Double.NEGATIVE_INFINITY;

        public Tally() {}
    }

    @Override
    public Tally createAccumulator() {
        return new Tally();
    }

    @Override
    public Tally add(SlaSample sample, Tally tally) {
        tally.ended++;
        if (sample.deadlineMet()) {
            tally.met++;
        }
        tally.latenessMinutes += sample.latenessMinutes();
        if (sample.completionToDeadlineRatio() != null) {
            tally.ratios++;
            tally.ratioSum += sample.completionToDeadlineRatio();
            tally.ratioMax = Math.max(tally.ratioMax, sample.completionToDeadlineRatio());
        }
        return tally;
    }

    @Override
    public AnalyticsRecord getResult(Tally tally) {
        long missed = tally.ended - tally.met;
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put(ENDED, (double) tally.ended);
        figures.put(MET, (double) tally.met);
        figures.put(MET_PCT, tally.ended == 0 ? null : 100.0 * tally.met / tally.ended);
        figures.put(LATENESS_TOTAL, tally.latenessMinutes);
        figures.put(LATENESS_AVG_MISSED, missed == 0 ? null : tally.latenessMinutes / missed);
        figures.put(RATIO_AVG, tally.ratios == 0 ? null : tally.ratioSum / tally.ratios);
        figures.put(RATIO_MAX, tally.ratios == 0 ? null : tally.ratioMax);
        return new AnalyticsRecord(0, 0, null, null, AnalyticsRecord.SLA_COMPLIANCE, figures);
    }

    @Override
    public Tally merge(Tally a, Tally b) {
        a.ended += b.ended;
        a.met += b.met;
        a.latenessMinutes += b.latenessMinutes;
        a.ratios += b.ratios;
        a.ratioSum += b.ratioSum;
        a.ratioMax = Math.max(a.ratioMax, b.ratioMax);
        return a;
    }
}
