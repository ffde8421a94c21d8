package io.caspian.events;

import java.util.Map;

/**
 * The figures of one metric group over one tumbling event-time window, for one scope.
 *
 * @param window the window's label from the configuration ({@code 1m}, {@code 1h})
 * @param scope {@link #OVERALL} or a cluster name; a zone for {@link #FORECAST_ERROR}
 * @param metricGroup {@link #SCHEDULING_PERFORMANCE}, {@link #CARBON_EFFICIENCY}, {@link #SLA_COMPLIANCE},
 *     {@link #FORECAST_ERROR} or the policy switch comparison's
 * @param figures figure name (unit in the name) to value; a null value means the figure is undefined in
 *     this window (for example a percentile of no decisions), never zero
 */
public record AnalyticsRecord(
        long windowStartMillis, long windowEndMillis, String window, String scope, String metricGroup,
        Map<String, Double> figures) {

    public static final String OVERALL = "overall";
    public static final String SCHEDULING_PERFORMANCE = "scheduling_performance";
    public static final String CARBON_EFFICIENCY = "carbon_efficiency";
    public static final String SLA_COMPLIANCE = "sla_compliance";
    /** Scope: a zone. */
    public static final String FORECAST_ERROR = "forecast_error";

    /** The same figures, placed in a window. */
    public AnalyticsRecord inWindow(long startMillis, long endMillis, String label, String scopeName) {
        return new AnalyticsRecord(startMillis, endMillis, label, scopeName, metricGroup, figures);
    }
}
