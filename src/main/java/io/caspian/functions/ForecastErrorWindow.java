package io.caspian.functions;

import io.caspian.events.AnalyticsRecord;
import io.caspian.metrics.MetricNames;
import io.caspian.scheduling.ForecastSkill;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Stamps a zone's forecast-error figures with their window (as {@link StampWindow}) and shows the last
 * window's as gauges, {@code forecast_mape_pct} and {@code forecast_bias_gco2_per_kwh}, labelled by
 * zone, source, lead band and window. A band without a scored hour in the window reads NaN, never 0.
 */
public class ForecastErrorWindow extends StampWindow {

    private transient Map<String, double[]> gauges;

    public ForecastErrorWindow(String label) {
        super(label);
    }

    @Override
    public void open(OpenContext openContext) {
        gauges = new HashMap<>();
    }

    @Override
    public void process(String zone, Context context, Iterable<AnalyticsRecord> figures, Collector<AnalyticsRecord> out) {
        for (AnalyticsRecord record : figures) {
            for (String source : ForecastSkill.SOURCES) {
                for (int lead : ForecastSkill.LEAD_HOURS) {
                    Double mape = record.figures().get(ForecastErrorAggregate.mape(source, lead));
                    Double bias = record.figures().get(ForecastErrorAggregate.bias(source, lead));
                    double[] holder = holder(zone, source, lead);
                    holder[0] = mape == null ? Double.NaN : mape;
                    holder[1] = bias == null ? Double.NaN : bias;
                }
            }
        }
        super.process(zone, context, figures, out);
    }

    private double[] holder(String zone, String source, int lead) {
        return gauges.computeIfAbsent(zone + '|' + source + '|' + lead, key -> {
            double[] value = {Double.NaN, Double.NaN};
            var group = getRuntimeContext().getMetricGroup().addGroup(MetricNames.ZONE, zone)
                    .addGroup(MetricNames.SOURCE, source).addGroup(MetricNames.LEAD_HOURS, Integer.toString(lead))
                    .addGroup(MetricNames.WINDOW, label());
            group.gauge(MetricNames.FORECAST_MAPE_PCT, (Gauge<Double>) () -> value[0]);
            group.gauge(MetricNames.FORECAST_BIAS, (Gauge<Double>) () -> value[1]);
            return value;
        });
    }
}
