package io.caspian.optimizer;

/**
 * Where and when one job runs in a plan.
 *
 * @param site index into the problem's sites, -1 when the job could not be placed
 * @param unplacedReason why it could not be placed; null when placed
 */
public record Assignment(int site, int startSlot, double carbonG, double migrationCostG, String unplacedReason) {

    public static Assignment unplaced(String reason) {
        return new Assignment(-1, -1, 0, 0, reason);
    }

    public boolean placed() {
        return site >= 0;
    }

    public double costG() {
        return carbonG + migrationCostG;
    }
}
