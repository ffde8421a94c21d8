package io.caspian.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark once at a tiny size, so that none can rot unnoticed: each must still start,
 * run its phases and print its figures. The sizes are far too small for the figures to mean anything;
 * docs/optimizer.md, docs/streaming.md and docs/elasticsearch.md give the real runs.
 */
class BenchmarkSmokeTest {

    @Test
    void optimizerBenchmarkPrintsItsFigures() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        List<OptimizerBenchmark.Row> rows = OptimizerBenchmark.run(Map.of("jobs", "60", "large-jobs", "200", "sites", "4",
                "small-jobs", "8", "repeats", "1", "growth", "20,60"), print(text));

        assertThat(rows).hasSize(6).allSatisfy(row -> {
            assertThat(row.valid()).as(row.name()).isTrue();
            assertThat(row.medianMillis()).as(row.name()).isNotNegative();
            assertThat(row.placed()).as(row.name()).isPositive();
        });
        // the shipped slot and horizon: 15-minute slots over 24 h
        assertThat(rows.get(0).name()).isEqualTo("shipped 60 x 4 x 96");
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("identical plans true").contains("CP-SAT cp-sat/");
    }

    @Test
    void streamingBenchmarkMeasuresThroughputAndLatency() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        StreamingThroughputBench.Figures figures = StreamingThroughputBench.run(Map.of("workloads", "20", "zones", "3",
                "events", "1823", "rate", "3000", "rounds", "3", "checkpoint-interval", "PT0.3S"), print(text));

        assertThat(figures.eventsPerSecond()).isPositive();
        assertThat(figures.latencyRounds()).isPositive();
        assertThat(figures.p50Millis()).isNotNull();
        assertThat(figures.passThroughEventsPerSecond()).isPositive();
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("throughput: 1823 input events").contains("p50").contains("pass-through: 1800 events");
        // each run says where its time went, from Flink's own busy and back-pressure counts
        assertThat(text.toString(StandardCharsets.UTF_8))
                .containsPattern("where caspian-streaming's time went[^\n]*\n +\\d+ % / +\\d+ % / +\\d+ %  \\(\\d\\) ")
                .containsPattern("where caspian-bench-passthrough's time went[^\n]*\n +\\d+ % /");
        // and what CPU time an event cost, the job's against the pass-through's
        assertThat(text.toString(StandardCharsets.UTF_8))
                .containsPattern("throughput: [^\n]*\ncpu: [1-9]\\d* µs per event \\([^)]*the \\d+ cores \\d+ % busy\\)")
                .containsPattern("pass-through: [^\n]*\ncpu: [1-9]\\d* µs per event")
                .containsPattern("an event cost the pass-through \\d+ % of the CPU time it cost the job");
    }

    @Test
    void domainScaleOutBenchmarkComparesTheThreeShapes() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        List<DomainScaleOutBench.Run> runs = DomainScaleOutBench.run(200, 3, print(text));

        assertThat(runs).extracting(DomainScaleOutBench.Run::parallelism).containsExactly(1, 1, 2);
        // every run plans the same workloads in the same rounds, whatever the split
        assertThat(runs).extracting(DomainScaleOutBench.Run::workloadRounds).allSatisfy(n -> assertThat(n).isEqualTo(runs.get(0)
                .workloadRounds())).first().satisfies(n -> assertThat(n).isPositive());
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("2 domains at parallelism 2 against 1 domain at parallelism 1");
    }

    @Test
    void elasticsearchBenchmarkIndexesAndTimesTheSeedsQueries() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ElasticsearchBenchmark.Figures figures = ElasticsearchBenchmark.run(300, 1, print(text));

        assertThat(figures.documentsCounted()).isEqualTo(300);
        assertThat(figures.documentsPerSecond()).isPositive();
        assertThat(figures.medianMillis()).hasSize(2 * ElasticsearchBenchmark.seedQueries().size()
                + ElasticsearchBenchmark.analyticsQueries().size()).allSatisfy((query, millis) -> assertThat(millis).isNotNegative());
    }

    /** The benchmark's text, also echoed to the test's output. */
    private static PrintStream print(ByteArrayOutputStream text) {
        return new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                text.write(b);
                System.out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                text.write(b, off, len);
                System.out.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
    }
}
