package io.caspian.optimizer;

/**
 * A count of work units a search may still spend. Unlike a deadline it runs out at the same step on
 * every run of the same input, whatever else the machine is doing.
 */
final class WorkBudget {

    private final long limit;
    private long spent;

    WorkBudget(long limit) {
        this.limit = limit;
    }

    void spend(long units) {
        spent += units;
    }

    boolean exhausted() {
        return spent >= limit;
    }

    long spent() {
        return spent;
    }
}
