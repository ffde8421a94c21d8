package io.caspian.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caspian.config.CaspianConfig;
import io.caspian.jobs.DemoJob;
import io.caspian.jobs.ReplayJob;
import io.caspian.replay.ReplayOptions;
import io.caspian.testing.Fixtures;
import io.caspian.testing.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executes every analysis notebook headlessly, as an operator's {@code jupyter nbconvert --execute}
 * would, on the event files of several runs (a back-test with migrations, a demo without migrations, a
 * one-zone back-test without alerts, and an empty window), and checks that no cell failed and that every
 * figure of the manifest ({@code notebooks/figures.json}) was saved as a real, legible PNG on each: with
 * data when the run's events meet the figure's needs, else saying there is none in this run.
 * Without Jupyter the execution is skipped locally, but fails on CI ({@code CI=true}), which installs it.
 */
class NotebooksTest {

    /** The real trace the notebooks' back-test replays, when it is present. */
    private static final String REAL_TRACE = "east_asia_2022_hourly_KR_JP_TW_SG.csv";

    private static final Path NOTEBOOKS = Path.of("notebooks").toAbsolutePath();
    private static final Path MANIFEST = NOTEBOOKS.resolve("figures.json");
    /** Debian's Jupyter, whose Python has the notebooks' packages (another python3 on PATH may not). */
    private static final Path JUPYTER = Path.of(System.getProperty("caspian.jupyter", "/usr/bin/jupyter"));
    private static final long NOTEBOOK_TIMEOUT_SECONDS = 300;
    private static final int CELL_TIMEOUT_SECONDS = 120;
    /** A figure with titles, axes and data is tens of kilobytes; an empty canvas is a few. */
    private static final long MIN_FIGURE_BYTES = 8_000;
    private static final int MIN_FIGURE_SIDE_PX = 300;
    /** Where the notebooks' {@code save} records a figure's titles, labels and legends. */
    private static final String LEGIBILITY_KEY = "Description";
    /** Where that record lists the "no ... in this run" text of a figure the run had no data for. */
    private static final String NONE_IN_THIS_RUN = "none_in_this_run";
    private static final Pattern UNIT = Pattern.compile(".*\\([^)]+\\).*");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The runs the notebooks are executed on, by name. */
    enum Run { BACK_TEST, DEMO_WITHOUT_MIGRATIONS, ONE_ZONE, EMPTY_WINDOW }

    @TempDir
    static Path work;
    private static final Map<Run, Path> EVENTS = new EnumMap<>(Run.class);

    @BeforeAll
    static void produceTheRunsEvents() throws Exception {
        if (jupyterInstalled()) {
            EVENTS.put(Run.BACK_TEST, produceEvents(work.resolve("events")));
            EVENTS.put(Run.DEMO_WITHOUT_MIGRATIONS, demoWithoutMigrations(work.resolve("demo-no-migrations")));
            EVENTS.put(Run.ONE_ZONE, oneZoneReplay(work.resolve("one-zone")));
            EVENTS.put(Run.EMPTY_WINDOW, emptyWindow(work.resolve("empty-window")));
        }
    }

    /**
     * The demo with a migration overhead no saving outweighs: no workload is moved. Its policy changes
     * twice (λ raised further at 11:00, the greedy solver from 14:00), so the policy timeline has data.
     */
    private static Path demoWithoutMigrations(Path folder) throws Exception {
        Files.createDirectories(folder);
        Path policies = folder.resolveSibling(folder.getFileName() + "-policies.jsonl");
        Files.writeString(policies, String.join("\n",
                "{\"version\":1,\"timestamp\":\"2025-10-22T11:00:00Z\",\"source\":\"NotebooksTest\",\"settings\":{\"migration\":{\"lambda-gco2\":2000}}}",
                "{\"version\":2,\"timestamp\":\"2025-10-22T14:00:00Z\",\"source\":\"NotebooksTest\",\"settings\":{\"migration\":{\"lambda-gco2\":2000},\"scheduler\":{\"solver\":\"greedy\"}}}",
                ""));
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            DemoJob.run(Fixtures.config(Map.of("demo.output-dir", folder.toString(),
                    "migration.lambda-gco2", "1000", "demo.background-workloads", "10", "demo.policies-file", policies.toString())), quiet);
        }
        return folder;
    }

    /**
     * A back-test of one zone (one cluster: nothing can move, no alert rules): three days of KR from the
     * real trace when it is beside the project, else a two-day trace of one zone written here.
     */
    private static Path oneZoneReplay(Path folder) throws Exception {
        Path trace = SharedData.findCarbonFile(REAL_TRACE).orElse(null);
        String from = "2022-04-02T00:00:00Z";
        if (trace == null) {
            trace = folder.resolveSibling("kr-trace.csv");
            StringBuilder csv = new StringBuilder("datetime,KR\n");
            Instant hour = Instant.parse(from);
            for (int i = 0; i < 72; i++, hour = hour.plus(Duration.ofHours(1))) {
                csv.append(hour).append(',').append(400 + 100 * Math.sin(i * Math.PI / 12)).append('\n');
            }
            Files.writeString(trace, csv);
        }
        CaspianConfig hourly = Fixtures.config(Map.of("scheduler.interval", "1h", "scheduler.slot", "1h",
                "scheduler.horizon", "24h", "scheduler.solver", "greedy"));
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            ReplayJob.run(hourly, ReplayOptions.from(Map.of(
                    "replay.carbon-file", trace.toString(),
                    "replay.zones", "KR",
                    "replay.hourly", "true",
                    "replay.from", from,
                    "replay.to", "2022-04-05T00:00:00Z",
                    "replay.output-dir", folder.toString())), quiet);
        }
        return folder.resolve(ReplayJob.AWARE_RUN);
    }

    /** A window in which nothing happened: every stream's file exists and is empty. */
    private static Path emptyWindow(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String stream : List.of("placements", "audit-events", "dead-letter", "analytics", "alerts", "carbon")) {
            Files.writeString(folder.resolve(stream + ".jsonl"), "");
        }
        return folder;
    }

    /**
     * The run whose events the notebooks read: two weeks of a back-test on the real 2022 trace when the
     * shared data is beside the project, else the embedded demo on its generated trace. JP-TK and TW
     * in early April 2022 trade places by more than 60 gCO2/kWh several times, so six-hour, 32-core
     * workloads free to run in either zone, planned on a persistence forecast, are moved when the
     * zones cross (with perfect foresight none is: each run is planned whole). Returns the folder of the events the
     * notebooks read; a back-test's report sits one level up, beside its runs.
     */
    private static Path produceEvents(Path folder) throws Exception {
        Optional<Path> trace = SharedData.findCarbonFile(REAL_TRACE);
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            if (trace.isEmpty()) {
                DemoJob.run(Fixtures.config(Map.of("demo.output-dir", folder.toString())), quiet);
                return folder;
            }
            CaspianConfig hourly = Fixtures.config(Map.of("scheduler.interval", "1h", "scheduler.slot", "1h",
                    "scheduler.horizon", "24h", "scheduler.solver", "greedy"));
            ReplayJob.run(hourly, ReplayOptions.from(Map.ofEntries(
                    Map.entry("replay.carbon-file", trace.get().toString()),
                    Map.entry("replay.zones", "JP-TK,TW"),
                    Map.entry("replay.from", "2022-04-02T00:00:00Z"),
                    Map.entry("replay.to", "2022-04-16T00:00:00Z"),
                    Map.entry("replay.arrivals-per-hour", "0.5"),
                    Map.entry("replay.runtime-minutes", "360"),
                    Map.entry("replay.cpu", "32"),
                    Map.entry("replay.mem-gb", "64"),
                    Map.entry("replay.affinity", "any"),
                    Map.entry("replay.forecast", "persistence"),
                    Map.entry("replay.output-dir", folder.toString()))), quiet);
            return folder.resolve(ReplayJob.AWARE_RUN);
        }
    }

    static Stream<String> notebooks() throws IOException {
        List<String> names = new ArrayList<>();
        manifest().path("notebooks").fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    static Stream<Arguments> notebooksOnEveryRun() throws IOException {
        List<String> names = notebooks().toList();
        return Stream.of(Run.values()).flatMap(run -> names.stream().map(notebook -> Arguments.of(run, notebook)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("notebooksOnEveryRun")
    void runsWithoutErrorsAndSavesEveryFigure(Run run, String notebook) throws Exception {
        requireJupyter();
        Path events = EVENTS.get(run);
        Path figures = work.resolve("figures").resolve(run.name()).resolve(notebook);
        Path executed = work.resolve("executed").resolve(run.name());
        Path log = work.resolve(run + "-" + notebook + ".log");
        int exit = execute(NOTEBOOKS.resolve(notebook), events, executed, figures, log);

        assertThat(exit).as("nbconvert exit code; its output:%n%s", tail(log)).isZero();
        assertThat(errorOutputs(executed.resolve(notebook))).as("cells that raised").isEmpty();
        List<String> withData = figuresWithData(notebook, events);
        if (run == Run.BACK_TEST) {
            assertThat(withData).as("figures with data on the back-test").isNotEmpty();
        }
        for (String figure : listedFigures(notebook)) {
            assertIsARealFigure(figures.resolve(figure), withData.contains(figure));
        }
        assertThat(listedFigures(notebook)).as("every saved figure is in the manifest")
                .containsAll(fileNames(figures));
    }

    @Test
    void everyNotebookIsInTheManifestAndStoredWithoutOutputs() throws IOException {
        List<String> listed = notebooks().toList();
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ipynb")))
                    .containsExactlyInAnyOrderElementsOf(listed);
        }
        for (String notebook : listed) {
            JsonNode document = JSON.readTree(NOTEBOOKS.resolve(notebook).toFile());
            assertThat(document.path("nbformat").asInt()).as(notebook).isEqualTo(4);
            for (JsonNode cell : document.path("cells")) {
                assertThat(cell.path("outputs")).as("stored outputs in %s", notebook).isEmpty();
                assertThat(cell.path("execution_count").isMissingNode() || cell.path("execution_count").isNull())
                        .as("stored execution count in %s", notebook).isTrue();
            }
        }
    }

    private static int execute(Path notebook, Path events, Path outputDir, Path figures, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(JUPYTER.toString(), "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=" + CELL_TIMEOUT_SECONDS, "--output-dir", outputDir.toString(),
                notebook.toString())
                .directory(NOTEBOOKS.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.remove("CASPIAN_ES_URL"); // the files of this run, not whatever cluster the shell points at
        env.put("CASPIAN_EVENTS_DIR", events.toString());
        env.put("CASPIAN_FIGURES_DIR", figures.toString());
        env.put("JUPYTER_RUNTIME_DIR", work.resolve("jupyter-runtime").toString());
        env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        env.put("PYTHONDONTWRITEBYTECODE", "1"); // no __pycache__ in the source tree
        Process process = builder.start();
        if (!process.waitFor(NOTEBOOK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail(notebook.getFileName() + " did not finish within " + NOTEBOOK_TIMEOUT_SECONDS + " s:\n" + tail(log));
        }
        return process.exitValue();
    }

    /** The error outputs of the executed notebook, as "ename: evalue" lines. */
    private static List<String> errorOutputs(Path executed) throws IOException {
        List<String> errors = new ArrayList<>();
        for (JsonNode cell : JSON.readTree(executed.toFile()).path("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                if (output.path("output_type").asText().equals("error")) {
                    errors.add(output.path("ename").asText() + ": " + output.path("evalue").asText());
                }
            }
        }
        return errors;
    }

    /** The manifest's figures of a notebook whose needs the run's events meet. */
    private static List<String> figuresWithData(String notebook, Path events) throws IOException {
        List<String> expected = new ArrayList<>();
        for (JsonNode figure : manifest().path("notebooks").path(notebook)) {
            boolean allowed = true;
            for (JsonNode need : figure.path("needs")) {
                allowed &= RunEvents.has(events, need.asText());
            }
            if (allowed) {
                expected.add(figure.path("file").asText());
            }
        }
        return expected;
    }

    private static List<String> listedFigures(String notebook) throws IOException {
        List<String> listed = new ArrayList<>();
        manifest().path("notebooks").path(notebook).forEach(figure -> listed.add(figure.path("file").asText()));
        return listed;
    }

    /**
     * A legible PNG; with data when the run's events meet its needs, else one that says there is none in
     * this run (and nothing else: a figure with data never carries that text).
     */
    private static void assertIsARealFigure(Path png, boolean withData) throws IOException {
        assertThat(png).as("expected figure").exists();
        PngFigure figure = PngFigure.read(png);
        String name = png.getFileName().toString();
        assertThat(figure.bytes()).as("size of %s", name).isGreaterThan(MIN_FIGURE_BYTES);
        assertThat(figure.width()).as("width of %s", name).isGreaterThanOrEqualTo(MIN_FIGURE_SIDE_PX);
        assertThat(figure.height()).as("height of %s", name).isGreaterThanOrEqualTo(MIN_FIGURE_SIDE_PX);
        JsonNode record = assertLegible(name, figure, withData);
        JsonNode nothing = record.path(NONE_IN_THIS_RUN);
        if (withData) {
            assertThat(nothing).as("'none in this run' text in %s, whose needs the run meets", name).isEmpty();
        } else {
            assertThat(nothing).as("'none in this run' text in %s, whose needs the run does not meet", name).hasSize(1);
            assertThat(nothing.get(0).asText()).as(name).contains("in this run");
        }
    }

    /**
     * What the notebooks' {@code save} recorded in the PNG: every plot titled (or the figure), both axes
     * labelled, a legend wherever more than one series is labelled, and a unit in parentheses on some
     * label of the figure (an axis or the colour bar) when it shows data.
     */
    private static JsonNode assertLegible(String name, PngFigure figure, boolean withData) throws IOException {
        assertThat(figure.texts()).as("legibility record in %s", name).containsKey(LEGIBILITY_KEY);
        JsonNode record = JSON.readTree(figure.texts().get(LEGIBILITY_KEY));
        assertThat(record.path("plots")).as("plots of %s", name).isNotEmpty();
        boolean figureTitled = !record.path("suptitle").asText().isBlank();
        List<String> labels = new ArrayList<>();
        record.path("colour_bars").forEach(label -> labels.add(label.asText()));
        for (JsonNode plot : record.path("plots")) {
            assertThat(figureTitled || !plot.path("title").asText().isBlank()).as("title in %s", name).isTrue();
            assertThat(plot.path("xlabel").asText()).as("x label in %s", name).isNotBlank();
            assertThat(plot.path("ylabel").asText()).as("y label in %s", name).isNotBlank();
            if (plot.path("series").asInt() > 1) {
                assertThat(plot.path("legend").asBoolean()).as("legend in %s (%d series)", name,
                        plot.path("series").asInt()).isTrue();
            }
            labels.add(plot.path("xlabel").asText());
            labels.add(plot.path("ylabel").asText());
        }
        if (withData) {
            assertThat(labels).as("a label with a unit in parentheses in %s", name).anyMatch(label -> UNIT.matcher(label).matches());
        }
        return record;
    }

    private static List<String> fileNames(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static JsonNode manifest() throws IOException {
        return JSON.readTree(MANIFEST.toFile());
    }

    private static boolean jupyterInstalled() {
        return Files.isExecutable(JUPYTER);
    }

    private static void requireJupyter() {
        if (jupyterInstalled()) {
            return;
        }
        String missing = JUPYTER + " is not installed (Debian: jupyter-nbconvert python3-nbconvert python3-nbclient "
                + "python3-ipykernel python3-pandas python3-matplotlib python3-requests)";
        if ("true".equals(System.getenv("CI"))) {
            fail(missing + ", and CI must run the notebooks");
        }
        assumeTrue(false, missing + ": notebooks not executed");
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
