package io.caspian.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A round answers questions about moves from tables by site index; every answer must be the one its
 * migration model gives by cluster name, for jobs priced by the round's model, by a model of their
 * own, and running on a cluster that is not among the sites.
 */
class ProblemMovesTest {

    @Test
    void movesReadByIndexAreTheModelsOwnFigures() {
        Problem problem = RandomProblems.generate(7, new RandomProblems.Shape(400, 12, 24, 0.8));
        MigrationCostModel own = new MigrationCostModel(5, java.util.Map.of("site-1", java.util.Map.of("site-2", 3.0)));
        int running = 0;
        int forbidden = 0;
        for (Job generated : problem.jobs()) {
            for (Job job : new Job[] {generated, withModel(generated, own), elsewhere(generated)}) {
                MigrationCostModel model = job.migration() != null ? job.migration() : problem.migration();
                for (int s = 0; s < problem.sites().size(); s++) {
                    String to = problem.sites().get(s).name();
                    String from = job.running() ? job.currentCluster() : null;
                    assertThat(problem.migrationCost(job, s)).isEqualTo(job.running() ? model.cost(from, to, job.dataGb()) : 0.0);
                    boolean allowed = job.allowedSites()[s] && model.allowed(from, to);
                    assertThat(problem.allowed(job, s)).isEqualTo(allowed);
                    forbidden += job.running() && job.allowedSites()[s] && !allowed ? 1 : 0;
                }
                running += job.running() ? 1 : 0;
            }
        }
        // the rounds had running jobs, and moves that the model forbids, for the comparison to mean something
        assertThat(running).isGreaterThan(100);
        assertThat(forbidden).isGreaterThan(100);
    }

    @Test
    void aRoundWhoseJobMisnamesItsSiteIsAnsweredByName() {
        Problem random = RandomProblems.generate(11, new RandomProblems.Shape(50, 6, 12, 0.8));
        Job running = random.jobs().stream().filter(Job::running).findFirst().orElseThrow();
        int wrong = (running.currentSite() + 1) % random.sites().size();
        Job misnamed = new Job(running.id(), running.cpu(), running.memGb(), running.gpu(), running.powerWatts(),
                running.durationMinutes(), running.dataGb(), true, running.currentCluster(), wrong, running.latestStartSlot(),
                running.allowedSites(), running.homeSite());
        Problem problem = new Problem(0, random.slotMillis(), random.horizonSlots(), random.sites(), java.util.List.of(misnamed),
                random.migration());
        for (int s = 0; s < problem.sites().size(); s++) {
            String to = problem.sites().get(s).name();
            assertThat(problem.migrationCost(misnamed, s)).isEqualTo(random.migration().cost(running.currentCluster(), to,
                    running.dataGb()));
            assertThat(problem.allowed(misnamed, s))
                    .isEqualTo(running.allowedSites()[s] && random.migration().allowed(running.currentCluster(), to));
        }
    }

    private static Job withModel(Job job, MigrationCostModel model) {
        return new Job(job.id(), job.cpu(), job.memGb(), job.gpu(), job.powerWatts(), job.durationMinutes(), job.dataGb(),
                job.running(), job.currentCluster(), job.currentSite(), job.latestStartSlot(), job.allowedSites(), job.homeSite(),
                model);
    }

    /** Running on a cluster this round does not plan on. */
    private static Job elsewhere(Job job) {
        return new Job(job.id(), job.cpu(), job.memGb(), job.gpu(), job.powerWatts(), job.durationMinutes(), job.dataGb(),
                job.running(), job.running() ? "site-gone" : null, -1, job.latestStartSlot(), job.allowedSites(), job.homeSite());
    }
}
