package io.vectorsync.core.plugin;

import io.vectorsync.api.PluginKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * What {@code plugins/<kind>/<name>/plugin.properties} says: read without loading any class, so
 * {@code vectorsync plugins} and the API version check cost nothing.
 *
 * @param aliases   other step types that select it ({@code aliases=a, b}; the factory's {@code aliases()} must say
 *                  the same), so that an alias is found without loading every plugin of its kind
 * @param directory the plugin directory, or {@code null} for a plugin found on the application class path
 */
public record PluginDescriptor(String name, PluginKind kind, String version, String apiVersion, String description,
                               List<String> aliases, Path directory) {

    public PluginDescriptor {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(kind, "kind is null");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** Where the same plugin is installed, with {@code directory} resolved. */
    PluginDescriptor withDirectory(Path dir) {
        return new PluginDescriptor(name, kind, version, apiVersion, description, aliases, dir);
    }

    /** Reads {@code dir/plugin.properties}; the directory's name and its parent's must match name and kind. */
    public static PluginDescriptor read(Path dir) {
        Path file = dir.resolve("plugin.properties");
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new PluginLoadException(dir, "cannot read " + file + ": " + e.getMessage(), e);
        }
        String name = require(p, "name", dir);
        String kindName = require(p, "kind", dir);
        PluginKind kind;
        try {
            kind = PluginKind.fromDirectoryName(kindName);
        } catch (IllegalArgumentException e) {
            throw new PluginLoadException(dir, e.getMessage(), null);
        }
        String dirName = dir.getFileName().toString();
        if (!dirName.equals(name)) {
            throw new PluginLoadException(dir, "plugin.properties says name=" + name
                    + " but the directory is named " + dirName + "; they must agree", null);
        }
        Path parent = dir.getParent();
        if (parent != null && parent.getFileName() != null
                && !parent.getFileName().toString().equals(kind.directoryName())) {
            throw new PluginLoadException(dir, "plugin.properties says kind=" + kindName
                    + " but the plugin is installed under " + parent.getFileName() + "/", null);
        }
        List<String> aliases = Arrays.stream(p.getProperty("aliases", "").split(","))
                .map(String::trim).filter(a -> !a.isEmpty()).toList();
        return new PluginDescriptor(name, kind, p.getProperty("version", "unknown"),
                require(p, "api", dir), p.getProperty("description", ""), aliases, dir);
    }

    private static String require(Properties p, String key, Path dir) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new PluginLoadException(dir, "plugin.properties has no \"" + key + "\"", null);
        }
        return v.trim();
    }

    /** Where it came from, for listings and messages. */
    public String location() {
        return directory == null ? "(class path)" : directory.toString();
    }
}
