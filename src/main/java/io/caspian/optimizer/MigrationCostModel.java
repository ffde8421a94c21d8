package io.caspian.optimizer;

import java.io.Serializable;
import java.util.Map;

/**
 * Carbon cost of moving a running workload, as in CASPIAN: a fixed penalty λ plus the network cost
 * of its data, {@code λ + matrix[from][to] × data_gb}. Staying (or a first placement) costs nothing.
 */
public record MigrationCostModel(double lambdaG, Map<String, Map<String, Double>> networkGPerGb) implements Serializable {

    public MigrationCostModel {
        networkGPerGb = Map.copyOf(networkGPerGb);
    }

    public double networkCostPerGb(String from, String to) {
        Map<String, Double> row = networkGPerGb.get(from);
        return row == null ? 0.0 : row.getOrDefault(to, 0.0);
    }

    /** @param from the cluster it runs on now, or null when it does not run anywhere yet */
    public double cost(String from, String to, double dataGb) {
        if (from == null || from.equals(to)) {
            return 0.0;
        }
        return lambdaG + networkCostPerGb(from, to) * dataGb;
    }
}
