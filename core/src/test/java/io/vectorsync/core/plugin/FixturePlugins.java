package io.vectorsync.core.plugin;

import io.vectorsync.api.PluginFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds plugin directories from Java source at test time (as Kafka's TestPlugins does): compiles the sources with
 * the JDK compiler against the plugin API, packs jars and lays out {@code <root>/<kind>/<name>/}.
 */
final class FixturePlugins {
    private final Path work;

    FixturePlugins(Path work) {
        this.work = work;
    }

    /** Compiles {@code sources} (class name → source) against {@code classPath} into a jar at {@code jar}. */
    Path jar(Path jar, Map<String, String> sources, Map<String, String> resources, List<Path> classPath) throws IOException {
        Path src = Files.createTempDirectory(work, "src");
        Path classes = Files.createTempDirectory(work, "classes");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            files.add(file.toString());
        }
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none"));
        List<Path> cp = new ArrayList<>(classPath);
        cp.add(Path.of(codeSource(PluginFactory.class)));
        args.add("-cp");
        args.add(String.join(java.io.File.pathSeparator, cp.stream().map(Path::toString).toList()));
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("fixture compilation failed: " + sources.keySet());
        }
        for (Map.Entry<String, String> e : resources.entrySet()) {
            Path file = classes.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                jos.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                jos.write(Files.readAllBytes(p));
                jos.closeEntry();
            }
        }
        return jar;
    }

    /** Writes {@code <root>/<kind>/<name>/plugin.properties}; returns the plugin directory. */
    static Path descriptor(Path root, String kind, String name, String api) throws IOException {
        Path dir = root.resolve(kind).resolve(name);
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("plugin.properties"), "name=" + name + "\nkind=" + kind + "\nversion=1.0\napi=" + api
                + "\ndescription=fixture\n");
        return dir;
    }

    static String codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
