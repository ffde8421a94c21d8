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
 * @param scope {@value #GLOBAL}, or {@code domain:<name>} for one scheduling domain
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

    /** Whether it applies to the rounds of this scheduling domain. */
    public boolean appliesTo(String schedulingDomain) {
        return GLOBAL.equals(scope) || schedulingDomain.equals(domain());
    }

    public static String domainScope(String domain) {
        return DOMAIN_PREFIX + domain;
    }
}
