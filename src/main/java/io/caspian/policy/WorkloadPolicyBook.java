package io.caspian.policy;

import io.caspian.config.CaspianConfig;
import io.caspian.events.WorkloadSpec;
import io.caspian.optimizer.MigrationCostModel;
import io.caspian.scheduling.WorkloadPolicies;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * The policies of the workloads of one domain that have their own (tenant or label scope), from the
 * book in force. A configuration is built once per distinct set of settings, not per workload.
 */
public final class WorkloadPolicyBook implements WorkloadPolicies {

    private final PolicyBook book;
    private final String domain;
    private final CaspianConfig base;
    private final SortedMap<String, String> domainSettings;
    private final Map<SortedMap<String, String>, CaspianConfig> configs = new HashMap<>();

    /** @param base the configuration file's settings (version 0) */
    public WorkloadPolicyBook(PolicyBook book, String domain, CaspianConfig base) {
        this.book = book;
        this.domain = domain;
        this.base = base;
        this.domainSettings = book.settingsFor(domain);
    }

    /** The policies of a domain's workloads: {@link WorkloadPolicies#NONE} when no workload has its own. */
    public static WorkloadPolicies of(PolicyBook book, String domain, CaspianConfig base) {
        return book == null || !book.hasWorkloadScopes() ? WorkloadPolicies.NONE : new WorkloadPolicyBook(book, domain, base);
    }

    /** The configuration in force for this workload, or null when it is its domain's. */
    public CaspianConfig configFor(WorkloadSpec spec) {
        SortedMap<String, String> settings = book.settingsFor(domain, spec);
        if (settings.equals(domainSettings)) {
            return null;
        }
        return configs.computeIfAbsent(settings, s -> PolicyKeys.apply(base, s));
    }

    @Override
    public MigrationCostModel migration(WorkloadSpec spec) {
        CaspianConfig own = configFor(spec);
        return own == null ? null : MigrationCostModel.of(own.migration());
    }

    @Override
    public long version(WorkloadSpec spec, long roundVersion) {
        return Math.max(roundVersion, book.versionFor(domain, spec));
    }
}
