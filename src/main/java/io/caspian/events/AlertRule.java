package io.caspian.events;

/**
 * A threshold on one analytics figure.
 *
 * @param metric an analytics figure name, e.g. {@code success_rate_pct}
 * @param comparator one of {@code >}, {@code >=}, {@code <}, {@code <=}, {@code ==}, {@code !=}
 * @param window the window label it applies to ({@code 1m}, {@code 1h}); null for every window
 * @param scope {@code overall} or a cluster name; null for every scope
 */
public record AlertRule(
        String id, String metric, String comparator, double threshold, String window, String scope, String severity,
        boolean enabled) {

    public boolean breached(double value) {
        return switch (comparator) {
            case ">" -> value > threshold;
            case ">=" -> value >= threshold;
            case "<" -> value < threshold;
            case "<=" -> value <= threshold;
            case "==" -> value == threshold;
            case "!=" -> value != threshold;
            default -> throw new IllegalStateException("unknown comparator " + comparator);
        };
    }

    public boolean appliesTo(AnalyticsRecord record) {
        return (window == null || window.equals(record.window())) && (scope == null || scope.equals(record.scope()))
                && record.figures().containsKey(metric);
    }
}
