package io.caspian.events;

import java.util.Map;
import java.util.TreeMap;

/**
 * One version of the scheduling policy for one scope, as published on the policies topic. Its
 * settings are keys of {@code caspian.yaml} that an operator may change while the job runs
 * ({@code io.caspian.policy.PolicyKeys}); a document replaces its scope's previous one as a whole, and a key it does not
 * name falls back to the wider scope ({@code global}, then {@code caspian.yaml}, which is version 0).
 *
 * @param version above every version published before it, in any scope
 * @param scope {@value #GLOBAL}, {@code domain:<name>} for one scheduling domain, {@code tenant:<name>} for the
 *     workloads of one tenant, {@code label:<name>=<value>} for the workloads carrying that label
 * @param settings each key it sets and its value as JSON text, in key order
 * @param source who or what published it (a person, a pipeline), as given
 * @param reason why, as given
 * @param timestampMillis when it was published: it takes effect from the round after this instant
 * @param origin the record it came from, null for one the job made itself
 */
public record PolicyDocument(long version, String scope, Map<String, String> settings, String source, String reason,
        long timestampMillis, Origin origin) {

    public static final String GLOBAL = "global";
    public static final String DOMAIN_PREFIX = "domain:";
    public static final String TENANT_PREFIX = "tenant:";
    public static final String LABEL_PREFIX = "label:";

    public PolicyDocument {
        settings = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(settings));
    }

    public PolicyDocument withOrigin(Origin other) {
        return new PolicyDocument(version, scope, settings, source, reason, timestampMillis, other);
    }

    /** The domain a domain-scoped document applies to; null for a global one. */
    public String domain() {
        return scope.startsWith(DOMAIN_PREFIX) ? scope.substring(DOMAIN_PREFIX.length()) : null;
    }

    /** Whether it applies to the rounds of this scheduling domain as a whole. */
    public boolean appliesTo(String schedulingDomain) {
        return GLOBAL.equals(scope) || schedulingDomain.equals(domain());
    }

    /** Scoped to a tenant or a label: it applies to the workloads that match, in any domain. */
    public boolean workloadScoped() {
        return workloadScope(scope);
    }

    public static boolean workloadScope(String scope) {
        return scope.startsWith(TENANT_PREFIX) || scope.startsWith(LABEL_PREFIX);
    }

    /** Whether a workload-scoped document applies to a workload of this spec. */
    public static boolean matches(String scope, WorkloadSpec spec) {
        if (scope.startsWith(TENANT_PREFIX)) {
            return scope.substring(TENANT_PREFIX.length()).equals(spec.tenant());
        }
        if (scope.startsWith(LABEL_PREFIX)) {
            String label = scope.substring(LABEL_PREFIX.length());
            int eq = label.indexOf('=');
            return eq > 0 && label.substring(eq + 1).equals(spec.labels().get(label.substring(0, eq)));
        }
        return false;
    }

    public static String domainScope(String domain) {
        return DOMAIN_PREFIX + domain;
    }
}
