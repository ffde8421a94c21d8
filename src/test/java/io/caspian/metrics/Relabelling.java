package io.caspian.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus' metric relabelling (replace, labeldrop, keep, drop), applied in the test to the rules
 * read from the shipped files, so the test checks the rules operators deploy, not a copy of them.
 */
record Relabelling(List<Rule> rules) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Rule(List<String> sourceLabels, String separator, Pattern regex, String targetLabel, String replacement,
            String action) {}

    /** The {@code metric_relabel_configs} of a scrape job in a Prometheus configuration. */
    static Relabelling fromPrometheusConfig(Path file, String jobName) throws IOException {
        for (JsonNode job : YAML.readTree(file.toFile()).path("scrape_configs")) {
            if (jobName.equals(job.path("job_name").asText())) {
                return new Relabelling(rules(job.path("metric_relabel_configs"), "source_labels", "target_label"));
            }
        }
        throw new IllegalArgumentException(file + " has no scrape job " + jobName);
    }

    /** The {@code metricRelabelings} of the first endpoint of a PodMonitor. */
    static Relabelling fromPodMonitor(Path file) throws IOException {
        JsonNode endpoint = YAML.readTree(file.toFile()).path("spec").path("podMetricsEndpoints").path(0);
        return new Relabelling(rules(endpoint.path("metricRelabelings"), "sourceLabels", "targetLabel"));
    }

    private static List<Rule> rules(JsonNode list, String sourceKey, String targetKey) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode r : list) {
            List<String> sources = new ArrayList<>();
            r.path(sourceKey).forEach(s -> sources.add(s.asText()));
            rules.add(new Rule(sources, r.path("separator").asText(";"),
                    Pattern.compile("^(?:" + r.path("regex").asText("(.*)") + ")$"),
                    r.path(targetKey).asText(null), r.path("replacement").asText("$1"), r.path("action").asText("replace")));
        }
        return rules;
    }

    Exposition apply(Exposition exposition) {
        List<Exposition.Sample> out = new ArrayList<>();
        for (Exposition.Sample sample : exposition.samples()) {
            Map<String, String> labels = new LinkedHashMap<>(sample.labels());
            if (relabel(labels)) {
                out.add(new Exposition.Sample(labels, sample.value()));
            }
        }
        return new Exposition(out);
    }

    /** @return false when the sample is dropped */
    private boolean relabel(Map<String, String> labels) {
        for (Rule rule : rules) {
            List<String> values = new ArrayList<>();
            rule.sourceLabels().forEach(l -> values.add(labels.getOrDefault(l, "")));
            String joined = String.join(rule.separator(), values);
            switch (rule.action()) {
                case "replace" -> {
                    Matcher m = rule.regex().matcher(joined);
                    if (m.matches()) {
                        String value = m.replaceFirst(rule.replacement());
                        if (value.isEmpty()) {
                            labels.remove(rule.targetLabel());
                        } else {
                            labels.put(rule.targetLabel(), value);
                        }
                    }
                }
                case "labeldrop" -> labels.keySet().removeIf(name -> rule.regex().matcher(name).matches());
                case "keep" -> {
                    if (!rule.regex().matcher(joined).matches()) {
                        return false;
                    }
                }
                case "drop" -> {
                    if (rule.regex().matcher(joined).matches()) {
                        return false;
                    }
                }
                default -> throw new IllegalArgumentException("relabel action not supported by the test: " + rule.action());
            }
        }
        return true;
    }
}
