package io.caspian.audit;

/**
 * One fact for comparing policy versions, placed at the instant it belongs to: an interval a round
 * accounted (at the interval's start, so that the interval closed by a policy's first round counts for
 * the policy before it), a decision (at its round), an ended workload (when it ended), or a switch
 * (at the first round planned under the new version). Only the fields of its kind are set.
 */
public record PolicySample(Kind kind, long atMillis, long version, double emittedG, double baselineG, double migrationCostG,
        double energyKwh, long decisionMillis, boolean deadlineMet, long previousVersion) {

    public enum Kind {
        INTERVAL,
        DECISION,
        ENDED,
        SWITCH
    }

    public static PolicySample interval(long atMillis, long version, double emittedG, double baselineG, double migrationCostG,
            double energyKwh) {
        return new PolicySample(Kind.INTERVAL, atMillis, version, emittedG, baselineG, migrationCostG, energyKwh, 0, false, 0);
    }

    public static PolicySample decision(long atMillis, long version, long executionMillis) {
        return new PolicySample(Kind.DECISION, atMillis, version, 0, 0, 0, 0, executionMillis, false, 0);
    }

    public static PolicySample ended(long atMillis, long version, boolean deadlineMet) {
        return new PolicySample(Kind.ENDED, atMillis, version, 0, 0, 0, 0, 0, deadlineMet, 0);
    }

    public static PolicySample change(long effectiveRoundMillis, long version, long previousVersion) {
        return new PolicySample(Kind.SWITCH, effectiveRoundMillis, version, 0, 0, 0, 0, 0, false, previousVersion);
    }
}
