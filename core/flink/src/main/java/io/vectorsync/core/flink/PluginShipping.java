package io.vectorsync.core.flink;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * Where a subtask finds the job's plugins. Embedded (a MiniCluster in the client's JVM): the client's plugin
 * directories themselves. On a session cluster: each plugin directory the job uses is shipped with the job
 * through Flink's distributed cache (uploaded to the blob server, zipped, unpacked once per TaskManager and job),
 * and the subtask lays them out as a plugin root {@code <tmp>/vectorsync-plugins-<job>/<kind>/<name>} of
 * symbolic links, the same path for every subtask of the job on that TaskManager, so the core's one class loader
 * per plugin directory per process holds for them.
 */
final class PluginShipping implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Path> ROOTS = new HashMap<>();

    /** One shipped plugin: its distributed-cache entry, kind directory (reader, model…) and name. */
    record Shipped(String cacheName, String kind, String name) implements Serializable {
    }

    private final List<String> localRoots;
    private final List<Shipped> shipped;

    private PluginShipping(List<String> localRoots, List<Shipped> shipped) {
        this.localRoots = localRoots;
        this.shipped = shipped;
    }

    static PluginShipping local(List<Path> roots) {
        List<String> dirs = new ArrayList<>();
        roots.forEach(r -> dirs.add(r.toAbsolutePath().toString()));
        return new PluginShipping(dirs, List.of());
    }

    static PluginShipping shipped(List<Shipped> plugins) {
        return new PluginShipping(List.of(), List.copyOf(plugins));
    }

    /**
     * Whether plugin factories on the class path count: embedded, as in the client's registry; on a cluster not,
     * only the shipped directories do.
     */
    boolean includeClassPath() {
        return shipped.isEmpty();
    }

    List<Shipped> shippedPlugins() {
        return shipped;
    }

    /** The plugin roots to scan in this subtask. */
    List<Path> localDirectories(RuntimeContext context) throws IOException {
        if (shipped.isEmpty()) {
            return localRoots.stream().map(Path::of).toList();
        }
        String job = context.getJobInfo().getJobId().toString();
        synchronized (ROOTS) {
            Path root = ROOTS.get(job);
            if (root == null) {
                root = Files.createTempDirectory("vectorsync-plugins-" + job + "-");
                for (Shipped p : shipped) {
                    File file = context.getDistributedCache().getFile(p.cacheName());
                    Path kindDir = Files.createDirectories(root.resolve(p.kind()));
                    Files.createSymbolicLink(kindDir.resolve(p.name()), pluginDirectoryIn(file.toPath(), p));
                }
                ROOTS.put(job, root);
            }
            return List.of(root);
        }
    }

    /** The unpacked directory holding plugin.properties (a zipped directory may unpack one level deeper). */
    private static Path pluginDirectoryIn(Path unpacked, Shipped p) throws IOException {
        if (Files.exists(unpacked.resolve("plugin.properties"))) {
            return unpacked;
        }
        try (Stream<Path> children = Files.list(unpacked)) {
            return children.filter(c -> Files.exists(c.resolve("plugin.properties"))).findFirst()
                    .orElseThrow(() -> new UncheckedIOException(new IOException("the shipped plugin " + p.kind()
                            + "/" + p.name() + " has no plugin.properties in " + unpacked)));
        }
    }

    @Override
    public String toString() {
        return shipped.isEmpty() ? "local " + localRoots : "shipped " + shipped;
    }
}
