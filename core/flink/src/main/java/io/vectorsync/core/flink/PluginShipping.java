package io.vectorsync.core.flink;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * Where a subtask finds the job's plugins. Embedded (a MiniCluster in the client's JVM): the client's plugin
 * directories themselves. On a session cluster: each plugin directory the job uses is shipped with the job
 * through Flink's distributed cache (uploaded to the blob server, zipped, unpacked once per TaskManager and job),
 * and copied once per machine to a path that depends only on its content (see {@link #stableCopy}).
 */
final class PluginShipping implements Serializable {
    private static final long serialVersionUID = 1L;

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
        List<Path> roots = new ArrayList<>();
        for (Shipped p : shipped) {
            File file = context.getDistributedCache().getFile(p.cacheName());
            roots.add(stableCopy(pluginDirectoryIn(file.toPath(), p), p));
        }
        return roots;
    }

    /**
     * A copy of the unpacked plugin at a path that depends only on its content,
     * {@code <tmp>/vectorsync-plugins/<kind>-<name>-<hash>/<kind>/<name>}, made once per machine: the distributed
     * cache's copy is per job and deleted after it, but the core keys its plugin class loaders (and so the native
     * libraries they load, which a JVM binds to one class loader) by directory, so every job of a TaskManager that
     * ships the same plugin must see it at the same path.
     */
    private static Path stableCopy(Path unpacked, Shipped p) throws IOException {
        Path base = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "vectorsync-plugins"));
        Path root = base.resolve(p.kind() + "-" + p.name() + "-" + contentHash(unpacked));
        if (!Files.isDirectory(root)) {
            Path staging = Files.createTempDirectory(base, ".staging-");
            copyTree(unpacked, Files.createDirectories(staging.resolve(p.kind())).resolve(p.name()));
            try {
                Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException e) {
                deleteTree(staging);
                if (!Files.isDirectory(root)) {
                    throw e;
                } // else another subtask or TaskManager of this machine copied it first
            }
        }
        return root;
    }

    /**
     * Relative path and size of every file, and plugin.properties itself (its version): a changed plugin gets a
     * new directory. Not modification times: the distributed cache unpacks each job's copy anew.
     */
    private static String contentHash(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                sha.update((dir.relativize(f) + "|" + Files.size(f) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            sha.update(Files.readAllBytes(dir.resolve("plugin.properties")));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path f : all.sorted().toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
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
