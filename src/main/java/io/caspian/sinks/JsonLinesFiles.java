package io.caspian.sinks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes tagged output lines to one {@code <stream>.jsonl} file per stream in a folder, on the client
 * side of a local run (the embedded demo and the back-test), so that a person finds plain files.
 */
public final class JsonLinesFiles implements AutoCloseable {

    private final Path folder;
    private final Map<String, BufferedWriter> writers = new HashMap<>();

    public JsonLinesFiles(Path folder, String... streams) throws IOException {
        this.folder = folder;
        Files.createDirectories(folder);
        for (String stream : streams) {
            writer(stream); // every stream gets a file, empty if nothing came
        }
    }

    public Path fileOf(String stream) {
        return folder.resolve(stream + ".jsonl");
    }

    public void write(OutputLine line) {
        try {
            BufferedWriter writer = writer(line.stream());
            writer.write(line.json());
            writer.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BufferedWriter writer(String stream) throws IOException {
        BufferedWriter writer = writers.get(stream);
        if (writer == null) {
            writer = Files.newBufferedWriter(fileOf(stream), StandardCharsets.UTF_8);
            writers.put(stream, writer);
        }
        return writer;
    }

    @Override
    public void close() throws IOException {
        for (BufferedWriter writer : writers.values()) {
            writer.close();
        }
    }
}
