package io.caspian.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples of the Prometheus text exposition format (enough of it for Flink's reporter). */
record Exposition(List<Sample> samples) {

    /** One sample; {@code labels} holds {@code __name__} too, as relabelling sees it. */
    record Sample(Map<String, String> labels, double value) {
        String name() {
            return labels.get("__name__");
        }
    }

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    static Exposition parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("not an exposition line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("__name__", m.group(1));
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
            samples.add(new Sample(labels, Double.parseDouble(m.group(4))));
        }
        return new Exposition(samples);
    }

    /** Samples of a metric whose labels include every given pair. */
    List<Sample> select(String name, Map<String, String> matchers) {
        List<Sample> selected = new ArrayList<>();
        for (Sample s : samples) {
            if (name.equals(s.name()) && s.labels().entrySet().containsAll(matchers.entrySet())) {
                selected.add(s);
            }
        }
        return selected;
    }

    /** PromQL's {@code sum(name{matchers})}; NaN when no series matches (PromQL's empty result). */
    double sum(String name, Map<String, String> matchers) {
        List<Sample> selected = select(name, matchers);
        return selected.isEmpty() ? Double.NaN : selected.stream().mapToDouble(Sample::value).sum();
    }

    double sum(String name) {
        return sum(name, Map.of());
    }
}
