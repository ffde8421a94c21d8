package io.caspian.sinks.elasticsearch;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles {@code src/test/es-tls-plugin} (the netty4 module's plugin with TLS for HTTP) against the
 * module's own jars and the test class path, and puts it as a jar beside the module's jars, where the
 * node's module loader finds it. Maven cannot compile it: the module's jars must stay off the test
 * class path. Done once per build (the jar is kept while it is newer than its source).
 */
final class TlsModulePlugin {

    static final String CLASS_NAME = "io.caspian.testing.es.TlsHttpNetty4Plugin";
    private static final Path SOURCE_ROOT = Path.of("src/test/es-tls-plugin");
    private static final String JAR_NAME = "caspian-test-tls-http.jar";

    private TlsModulePlugin() {}

    static synchronized void installInto(Path moduleDir) throws IOException {
        Path source = SOURCE_ROOT.resolve(CLASS_NAME.replace('.', '/') + ".java");
        Path jar = moduleDir.resolve(JAR_NAME);
        if (Files.exists(jar) && Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(source)) > 0) {
            return;
        }
        Path classes = Files.createTempDirectory("caspian-es-tls-plugin");
        List<String> classPath = new ArrayList<>();
        try (Stream<Path> jars = Files.list(moduleDir)) {
            jars.filter(p -> p.toString().endsWith(".jar") && !p.getFileName().toString().equals(JAR_NAME))
                    .forEach(p -> classPath.add(p.toString()));
        }
        classPath.add(System.getProperty("java.class.path"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("the tests need a JDK (javac) to build the TLS plugin of the test Elasticsearch node");
        }
        int status = compiler.run(null, null, null, "-d", classes.toString(), "--release", "17", "-proc:none",
                "-cp", String.join(File.pathSeparator, classPath), source.toString());
        if (status != 0) {
            throw new IllegalStateException("compiling " + source + " failed (javac exit " + status + "); see the output above");
        }
        Path partial = moduleDir.resolve(JAR_NAME + ".tmp");
        try (OutputStream out = Files.newOutputStream(partial); JarOutputStream jarOut = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                jarOut.write(Files.readAllBytes(file));
                jarOut.closeEntry();
            }
        }
        // the loader reads *.jar only: the jar appears whole or not at all
        Files.move(partial, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
