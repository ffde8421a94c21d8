package io.caspian.policy;

import io.caspian.config.CaspianConfig;
import io.caspian.events.PolicyDocument;
import io.caspian.events.PolicyChange;
import io.caspian.events.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The policy documents in force, one per scope, as the placement rounds keep them in state. Versions
 * form one sequence across scopes: a document is taken only when its version is above every version
 * taken before, so the highest version in force for a domain names exactly what its rounds plan under.
 * A mutable POJO (Flink state).
 */
public class PolicyBook {

    /** The highest version taken (0: only caspian.yaml). */
    public long latestVersion;
    /** Scope → the document in force there. */
    public Map<String, Layer> layers = new TreeMap<>();

    /** One scope's document in force. */
    public static class Layer {
        public long version;
        public Map<String, String> settings = new TreeMap<>();

        public Layer() {}
    }

    public PolicyBook() {}

    /** Whether a tenant- or label-scoped document is in force: only then do workloads differ within a round. */
    public boolean hasWorkloadScopes() {
        for (String scope : layers.keySet()) {
            if (PolicyDocument.workloadScope(scope)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The settings in force for one workload: its domain's, then its tenant's, then those of its labels
     * (a later version over an earlier one): the most specific scope wins.
     */
    public SortedMap<String, String> settingsFor(String domain, WorkloadSpec spec) {
        SortedMap<String, String> settings = settingsFor(domain);
        for (Layer layer : matching(spec)) {
            settings.putAll(layer.settings);
        }
        return settings;
    }

    /** The version a workload is planned under: the highest in force for it. */
    public long versionFor(String domain, WorkloadSpec spec) {
        long version = versionFor(domain);
        for (Layer layer : matching(spec)) {
            version = Math.max(version, layer.version);
        }
        return version;
    }

    /** The tenant's layer, then the labels' in version order. */
    private List<Layer> matching(WorkloadSpec spec) {
        List<Layer> tenant = new ArrayList<>();
        List<Layer> labels = new ArrayList<>();
        layers.forEach((scope, layer) -> {
            if (PolicyDocument.matches(scope, spec)) {
                (scope.startsWith(PolicyDocument.TENANT_PREFIX) ? tenant : labels).add(layer);
            }
        });
        labels.sort(java.util.Comparator.comparingLong(l -> l.version));
        tenant.addAll(labels);
        return tenant;
    }

    /** The settings in force for a scheduling domain: global, then the domain's own on top. */
    public SortedMap<String, String> settingsFor(String domain) {
        return atScope(PolicyDocument.domainScope(domain));
    }

    /** The version a domain's rounds plan under: the highest in force for it (0: caspian.yaml alone). */
    public long versionFor(String domain) {
        return versionAt(PolicyDocument.domainScope(domain));
    }

    private SortedMap<String, String> atScope(String scope) {
        TreeMap<String, String> settings = new TreeMap<>();
        Layer global = layers.get(PolicyDocument.GLOBAL);
        if (global != null) {
            settings.putAll(global.settings);
        }
        Layer own = PolicyDocument.GLOBAL.equals(scope) ? null : layers.get(scope);
        if (own != null) {
            settings.putAll(own.settings);
        }
        return settings;
    }

    private long versionAt(String scope) {
        long version = 0;
        Layer global = layers.get(PolicyDocument.GLOBAL);
        if (global != null) {
            version = global.version;
        }
        Layer own = PolicyDocument.GLOBAL.equals(scope) ? null : layers.get(scope);
        if (own != null) {
            version = Math.max(version, own.version);
        }
        return version;
    }

    /** Why the document cannot be taken, or null when it can. */
    public String refusal(PolicyDocument document) {
        if (document.version() <= latestVersion) {
            return "version " + document.version() + " is not above the latest version taken, " + latestVersion
                    + ": publish it with a higher version";
        }
        return null;
    }

    /**
     * Takes the document (check {@link #refusal} first): it replaces its scope's document, and the
     * change names every key whose value in force at that scope moved.
     *
     * @param base the configuration file's settings (version 0)
     */
    public PolicyChange take(PolicyDocument document, CaspianConfig base, long effectiveRoundMillis) {
        String scope = document.scope();
        long previousVersion = versionAt(scope);
        Map<String, String> before = PolicyKeys.values(PolicyKeys.apply(base, atScope(scope)));
        Layer layer = new Layer();
        layer.version = document.version();
        layer.settings = new TreeMap<>(document.settings());
        layers.put(scope, layer);
        latestVersion = document.version();
        Map<String, String> after = PolicyKeys.values(PolicyKeys.apply(base, atScope(scope)));
        List<PolicyChange.Change> changes = new ArrayList<>();
        for (Map.Entry<String, String> entry : after.entrySet()) {
            String old = before.get(entry.getKey());
            if (!entry.getValue().equals(old)) {
                changes.add(new PolicyChange.Change(entry.getKey(), old, entry.getValue()));
            }
        }
        return new PolicyChange(document.version(), scope, previousVersion, List.copyOf(changes), document.source(),
                document.reason(), effectiveRoundMillis);
    }
}
