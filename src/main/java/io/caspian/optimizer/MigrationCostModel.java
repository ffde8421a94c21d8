package io.caspian.optimizer;

import io.caspian.config.CaspianConfig;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * Carbon cost of moving a running workload, as in CASPIAN: a fixed penalty λ plus the network cost
 * of its data, {@code λ + matrix[from][to] × data_gb}. Staying (or a first placement) costs nothing.
 * Some moves are not allowed at all (data residency, no link between the sites): the optimizers treat
 * them as infeasible, never as an expensive choice. This is the one place that prices and allows moves.
 *
 * @param forbidden {@code forbidden.get(from)} holds the clusters a workload on {@code from} may not move to
 */
public record MigrationCostModel(double lambdaG, Map<String, Map<String, Double>> networkGPerGb,
        Map<String, Set<String>> forbidden) implements Serializable {

    public MigrationCostModel {
        networkGPerGb = Map.copyOf(networkGPerGb);
        forbidden = Map.copyOf(forbidden);
    }

    /** A model in which every move is allowed. */
    public MigrationCostModel(double lambdaG, Map<String, Map<String, Double>> networkGPerGb) {
        this(lambdaG, networkGPerGb, Map.of());
    }

    public double networkCostPerGb(String from, String to) {
        Map<String, Double> row = networkGPerGb.get(from);
        return row == null ? 0.0 : row.getOrDefault(to, 0.0);
    }

    /** @param from the cluster it runs on now, or null when it does not run anywhere yet */
    public boolean allowed(String from, String to) {
        if (from == null || from.equals(to)) {
            return true;
        }
        Set<String> banned = forbidden.get(from);
        return banned == null || !banned.contains(to);
    }

    /**
     * The price of a move. The optimizers ask {@link #allowed} first and never weigh a forbidden move;
     * a forbidden pair is priced as if it had no network cost only so that accounting of a move forced
     * from outside (a workload restarted elsewhere after its cluster vanished) never fails.
     *
     * @param from the cluster it runs on now, or null when it does not run anywhere yet
     */
    public double cost(String from, String to, double dataGb) {
        if (from == null || from.equals(to)) {
            return 0.0;
        }
        return moveCost(networkCostPerGb(from, to), dataGb);
    }

    /** The price of a move between two different clusters whose network cost per GB is known: λ + network × data. */
    public double moveCost(double networkGPerGbOfMove, double dataGb) {
        return lambdaG + networkGPerGbOfMove * dataGb;
    }

    public static MigrationCostModel of(CaspianConfig.Migration config) {
        return new MigrationCostModel(config.lambdaGco2(), config.networkCostGco2PerGb(), config.forbidden());
    }
}
