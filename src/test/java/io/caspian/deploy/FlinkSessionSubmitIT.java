package io.caspian.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged job jar, submitted with Flink's own CLI to a separate Flink 2.2 session cluster (its
 * own JobManager and TaskManager processes), runs the demo to a finished job: the shading and the
 * provided scopes are right for {@code flink run} and for the operator image. Runs after
 * {@code package} (failsafe); the script starts and always stops the cluster.
 */
class FlinkSessionSubmitIT {

    private static final Path JAR = Path.of("target/caspian-flink-0.1.0-SNAPSHOT.jar");
    private static final long TIMEOUT_SECONDS = 240;

    @Test
    void packagedJarRunsOnASessionCluster() throws IOException, InterruptedException {
        assertThat(JAR).as("the shaded jar from mvn package").exists();
        Path log = Files.createTempFile("caspian-session-smoke", ".log");
        Process smoke = new ProcessBuilder("bash", "scripts/flink-session-smoke.sh", JAR.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = smoke.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            // the script's trap stops the cluster when it is terminated
            smoke.destroy();
            smoke.waitFor(30, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        System.out.println(output);
        assertThat(finished).as("finished within %d s", TIMEOUT_SECONDS).isTrue();
        assertThat(smoke.exitValue()).as(output).isZero();
        assertThat(output).contains("SESSION-SMOKE OK").contains("\"state\":\"FINISHED\"");
    }
}
