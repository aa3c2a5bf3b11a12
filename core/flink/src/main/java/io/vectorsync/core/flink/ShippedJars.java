package io.vectorsync.core.flink;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The jars a session cluster needs to run a vectorsync subtask: this engine, the core and the core's own
 * libraries (found by a class of each, so the same code works from the distribution's lib/ and from a build's
 * target/classes, which is packed into a temporary jar). Not Flink (the cluster has it), not slf4j or logback
 * (Flink loads logging parent-first), not the plugins (shipped as directories, see {@link PluginShipping}).
 */
final class ShippedJars {
    private static final List<String> MARKERS = List.of(
            "io.vectorsync.core.flink.FlinkEngine",
            "io.vectorsync.core.Engine",
            "io.vectorsync.api.PluginFactory",
            "com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.core.JsonFactory",
            "com.fasterxml.jackson.annotation.JsonProperty",
            "com.google.common.base.Preconditions",
            "com.google.common.util.concurrent.internal.InternalFutureFailureAccess",
            "picocli.CommandLine");

    private ShippedJars() {
    }

    static List<String> forCluster(Path tempDir) {
        Set<String> jars = new LinkedHashSet<>();
        for (String marker : MARKERS) {
            Path location = locationOf(marker);
            if (location == null) {
                continue;
            }
            jars.add((Files.isDirectory(location) ? packDirectory(location, tempDir) : location).toString());
        }
        return List.copyOf(jars);
    }

    private static Path locationOf(String className) {
        try {
            Class<?> c = Class.forName(className, false, ShippedJars.class.getClassLoader());
            var source = c.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (ClassNotFoundException e) {
            return null; // an optional library the core does not use here
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + className + ": " + e.getMessage(), e);
        }
    }

    /** A build's class directory as a jar. */
    private static Path packDirectory(Path classes, Path tempDir) {
        try {
            Files.createDirectories(tempDir);
            Path jar = Files.createTempFile(tempDir, classes.getParent().getFileName() + "-", ".jar");
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                 Stream<Path> all = Files.walk(classes)) {
                for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                    Files.copy(p, out);
                    out.closeEntry();
                }
            }
            jar.toFile().deleteOnExit();
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + classes + " into a jar for the cluster", e);
        }
    }
}
