package io.caspian.metrics;

import java.util.Objects;

/**
 * What one subtask has counted on one route ({@code from_cluster} to {@code to_cluster}): kept in the
 * migration detector's operator state so that the route's counters resume from it after a restart.
 * A POJO for Flink's serializer (public fields, no-argument constructor).
 */
public class MigrationRouteTotals {
    public String fromCluster;
    public String toCluster;
    public long migrations;
    public double dataGb;
    public double costG;

    public MigrationRouteTotals() {}

    public MigrationRouteTotals(String fromCluster, String toCluster, long migrations, double dataGb, double costG) {
        this.fromCluster = fromCluster;
        this.toCluster = toCluster;
        this.migrations = migrations;
        this.dataGb = dataGb;
        this.costG = costG;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MigrationRouteTotals t && Objects.equals(fromCluster, t.fromCluster) && Objects.equals(toCluster, t.toCluster)
                && migrations == t.migrations && Double.compare(dataGb, t.dataGb) == 0 && Double.compare(costG, t.costG) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(fromCluster, toCluster, migrations, dataGb, costG);
    }

    @Override
    public String toString() {
        return fromCluster + " -> " + toCluster + ": " + migrations + " migrations, " + dataGb + " GB, " + costG + " gCO2";
    }
}
