package io.caspian.optimizer;

/** Solves one scheduling round. */
public interface Optimizer {

    /**
     * @param warmStart the previous plan mapped onto this problem's jobs, or null
     */
    Plan solve(Problem problem, Plan warmStart);
}
