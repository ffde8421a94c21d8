package io.caspian.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link Problem#bestStarts} is shared by jobs alike in what it depends on: every job must get what a
 * scan of its own starts gives, on rounds of varied jobs and of many copies of a few.
 */
class ProblemBestStartsTest {

    @Test
    void everyJobGetsTheStartsItsOwnScanFinds() {
        for (Problem problem : new Problem[] {
            RandomProblems.generate(21, new RandomProblems.Shape(400, 8, 48, 0.6)),
            RandomProblems.generateCopies(22, new RandomProblems.Shape(400, 8, 96, 0.6), 5)}) {
            for (Job job : problem.jobs()) {
                Problem.BestStarts starts = problem.bestStarts(job);
                for (int site = 0; site < problem.sites().size(); site++) {
                    int best = job.firstCandidateSlot();
                    double bestCost = Double.POSITIVE_INFINITY;
                    for (int t = job.firstCandidateSlot(); t <= job.lastCandidateSlot(problem.horizonSlots()); t++) {
                        double cost = problem.carbon(job, site, t);
                        if (cost < bestCost - 1e-9) {
                            bestCost = cost;
                            best = t;
                        }
                    }
                    assertThat(starts.slot()[site]).as("%s on site %d", job.id(), site).isEqualTo(best);
                    assertThat(starts.carbonG()[site]).as("%s on site %d", job.id(), site).isEqualTo(bestCost);
                }
            }
        }
    }
}
