package io.caspian.functions;

import io.caspian.events.AnalyticsRecord;
import io.caspian.events.ForecastError;
import io.caspian.scheduling.ForecastSkill;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * A zone's forecast errors over a window, per source and lead band: the mean absolute percentage error,
 * the mean signed error (bias; above 0 the forecast was too high) and the hours scored. A band without a
 * scored hour in the window has null figures and 0 hours.
 */
public class ForecastErrorAggregate implements AggregateFunction<ForecastError, ForecastErrorAggregate.Tally, AnalyticsRecord> {

    private static final int BANDS = ForecastSkill.LEAD_HOURS.length;

    /** Every figure, source by source and band by band. */
    public static final List<String> FIGURES = figures();

    public static String mape(String source, int leadHours) {
        return source + "_mape_pct_" + leadHours + "h";
    }

    public static String bias(String source, int leadHours) {
        return source + "_bias_gco2_per_kwh_" + leadHours + "h";
    }

    public static String hours(String source, int leadHours) {
        return source + "_hours_" + leadHours + "h";
    }

    private static List<String> figures() {
        List<String> names = new ArrayList<>();
        for (String source : ForecastSkill.SOURCES) {
            for (int lead : ForecastSkill.LEAD_HOURS) {
                names.add(mape(source, lead));
                names.add(bias(source, lead));
                names.add(hours(source, lead));
            }
        }
        return List.copyOf(names);
    }

    /** The accumulator: per source and band, hours scored and the sums of absolute percentage and signed errors. */
    public static class Tally {
        public long[] hours = new long[2 * BANDS];
        public double[] absolutePct = new double[2 * BANDS];
        public double[] signed = new double[2 * BANDS];

        public Tally() {}
    }

    @Override
    public Tally createAccumulator() {
        return new Tally();
    }

    @Override
    public Tally add(ForecastError error, Tally tally) {
        int i = index(error.source(), error.leadHours());
        tally.hours[i]++;
        tally.absolutePct[i] += 100.0 * Math.abs(error.forecastGco2PerKwh() - error.actualGco2PerKwh()) / error.actualGco2PerKwh();
        tally.signed[i] += error.forecastGco2PerKwh() - error.actualGco2PerKwh();
        return tally;
    }

    private static int index(String source, int leadHours) {
        int s = ForecastSkill.SOURCES.indexOf(source);
        for (int b = 0; b < BANDS; b++) {
            if (ForecastSkill.LEAD_HOURS[b] == leadHours) {
                return s * BANDS + b;
            }
        }
        throw new IllegalArgumentException("no lead band of " + leadHours + " h");
    }

    @Override
    public AnalyticsRecord getResult(Tally tally) {
        Map<String, Double> figures = new LinkedHashMap<>();
        for (String source : ForecastSkill.SOURCES) {
            for (int lead : ForecastSkill.LEAD_HOURS) {
                int i = index(source, lead);
                long n = tally.hours[i];
                figures.put(mape(source, lead), n == 0 ? null : tally.absolutePct[i] / n);
                figures.put(bias(source, lead), n == 0 ? null : tally.signed[i] / n);
                figures.put(hours(source, lead), (double) n);
            }
        }
        return new AnalyticsRecord(0, 0, null, null, AnalyticsRecord.FORECAST_ERROR, figures);
    }

    @Override
    public Tally merge(Tally a, Tally b) {
        for (int i = 0; i < a.hours.length; i++) {
            a.hours[i] += b.hours[i];
            a.absolutePct[i] += b.absolutePct[i];
            a.signed[i] += b.signed[i];
        }
        return a;
    }
}
