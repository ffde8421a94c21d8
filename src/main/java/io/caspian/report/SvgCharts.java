package io.caspian.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Small inline SVG charts, so the report is one self-contained HTML file with no scripts. */
final class SvgCharts {

    private static final int WIDTH = 640;
    private static final int BAR_HEIGHT = 22;
    private static final int LABEL_WIDTH = 180;
    private static final int PLOT_HEIGHT = 220;
    private static final int MARGIN = 40;
    private static final String[] COLOURS = {"#2b7bb9", "#d9822b", "#3a9d5d", "#a84dbf"};

    private SvgCharts() {}

    /** The figure of a range that had nothing to draw in it: a frame saying so, in the figure's place. */
    static String none(String text) {
        int height = 60;
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\">"
                + "<rect x=\"0.5\" y=\"0.5\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#ccc\"/>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"13\" fill=\"#666\" text-anchor=\"middle\">%s</text></svg>",
                WIDTH, height, WIDTH - 1, height - 1, WIDTH / 2, height / 2 + 5, Html.escape(text));
    }

    /** Horizontal bars, one per entry, labelled with their value; says "none in this range" without entries. */
    static String bars(Map<String, ? extends Number> values, String unit) {
        if (values.isEmpty()) {
            return none("no " + unit + " in this range");
        }
        double max = values.values().stream().mapToDouble(Number::doubleValue).max().orElse(0);
        StringBuilder svg = new StringBuilder();
        int height = values.size() * (BAR_HEIGHT + 6) + 10;
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\">",
                WIDTH, height));
        int y = 5;
        for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
            double value = e.getValue().doubleValue();
            double length = max <= 0 ? 0 : (WIDTH - LABEL_WIDTH - 120) * value / max;
            svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text>", y + 15, Html.escape(e.getKey())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
                    LABEL_WIDTH, y, length, BAR_HEIGHT, COLOURS[0]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%s %s</text>",
                    LABEL_WIDTH + length + 6, y + 15, Html.number(value), Html.escape(unit)));
            y += BAR_HEIGHT + 6;
        }
        return svg.append("</svg>").toString();
    }

    /**
     * One line per series over a shared x axis of epoch millis; series of equal length as xs. Fewer than
     * two points make no line: the figure then says so.
     */
    static String lines(List<Long> xs, Map<String, List<Double>> series, String unit) {
        if (xs.size() < 2) {
            return none(xs.isEmpty() ? "no points in this range" : "one point in this range: no line to draw");
        }
        long minX = xs.get(0);
        long maxX = xs.get(xs.size() - 1);
        double maxY = series.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElse(1);
        double minY = Math.min(0, series.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).min().orElse(0));
        double spanY = maxY - minY <= 0 ? 1 : maxY - minY;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\">", WIDTH, PLOT_HEIGHT + 2 * MARGIN));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>",
                MARGIN, PLOT_HEIGHT + MARGIN, WIDTH - 10, PLOT_HEIGHT + MARGIN));
        svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"11\">%s %s</text>", MARGIN - 8,
                Html.number(maxY), Html.escape(unit)));
        int colour = 0;
        int legendY = PLOT_HEIGHT + MARGIN + 25;
        int legendX = MARGIN;
        for (Map.Entry<String, List<Double>> s : series.entrySet()) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < xs.size(); i++) {
                double x = MARGIN + (WIDTH - MARGIN - 10) * (double) (xs.get(i) - minX) / Math.max(1, maxX - minX);
                double y = MARGIN + PLOT_HEIGHT - PLOT_HEIGHT * (s.getValue().get(i) - minY) / spanY;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            String c = COLOURS[colour++ % COLOURS.length];
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(c).append("\" points=\"")
                    .append(points.toString().trim()).append("\"/>");
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>", legendX, legendY, c,
                    Html.escape(s.getKey())));
            legendX += 200;
        }
        return svg.append("</svg>").toString();
    }
}
