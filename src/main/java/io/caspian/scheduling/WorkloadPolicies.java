package io.caspian.scheduling;

import io.caspian.events.WorkloadSpec;
import io.caspian.optimizer.MigrationCostModel;

/**
 * What a workload's own policy (scoped to its tenant or one of its labels) changes for it in a round;
 * every other workload is planned under the round's policy.
 */
public interface WorkloadPolicies {

    /** No workload has a policy of its own. */
    WorkloadPolicies NONE = new WorkloadPolicies() {
        @Override
        public MigrationCostModel migration(WorkloadSpec spec) {
            return null;
        }

        @Override
        public long version(WorkloadSpec spec, long roundVersion) {
            return roundVersion;
        }
    };

    /** The price of moving this workload, or null for the round's. */
    MigrationCostModel migration(WorkloadSpec spec);

    /** The policy version this workload is planned under. */
    long version(WorkloadSpec spec, long roundVersion);
}
