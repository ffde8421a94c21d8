package io.caspian.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real carbon traces kept beside the project (never copied into it); a test that needs one skips
 * itself when it is absent.
 */
public final class SharedData {

    private SharedData() {}

    /** The trace when it is beside the project, for a test that has something else to fall back on. */
    public static java.util.Optional<Path> findCarbonFile(String name) {
        String shared = System.getProperty("caspian.shared.dir", "../shared");
        Path file = Path.of(shared, "data", "carbon", name);
        return Files.isReadable(file) ? java.util.Optional.of(file) : java.util.Optional.empty();
    }

    public static Path carbonFile(String name) {
        String shared = System.getProperty("caspian.shared.dir", "../shared");
        Path file = Path.of(shared, "data", "carbon", name);
        assumeTrue(Files.isReadable(file), "shared carbon data not present: " + file);
        return file;
    }

    public static String readCarbonFile(String name) {
        try {
            return Files.readString(carbonFile(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
