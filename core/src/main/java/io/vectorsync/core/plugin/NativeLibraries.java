package io.vectorsync.core.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Decides whether a plugin loads native libraries: one of the jars in its lib/ carries a {@code .so},
 * {@code .dll}, {@code .dylib} or {@code .jnilib} file (how ONNX Runtime, tokenizers, zstd-jni, snappy and netty's
 * epoll ship theirs), or lib/ holds such a file itself. Reads the jars' central directories only.
 */
final class NativeLibraries {
    private static final List<String> SUFFIXES = List.of(".so", ".dll", ".dylib", ".jnilib");

    private NativeLibraries() {
    }

    static boolean in(Path lib) {
        if (!Files.isDirectory(lib)) {
            return false;
        }
        try (Stream<Path> files = Files.list(lib)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                if (isNative(name) || name.endsWith(".jar") && jarHasNative(f)) {
                    return true;
                }
            }
        } catch (IOException e) {
            throw new PluginLoadException(lib.getParent(), "cannot list lib/: " + e.getMessage(), e);
        }
        return false;
    }

    private static boolean jarHasNative(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).map(n -> n.toLowerCase(Locale.ROOT))
                    .anyMatch(NativeLibraries::isNative);
        } catch (IOException e) {
            return false; // not a readable jar: the class loader reports it when the plugin is loaded
        }
    }

    private static boolean isNative(String name) {
        return SUFFIXES.stream().anyMatch(name::endsWith) || name.contains(".so.");
    }
}
