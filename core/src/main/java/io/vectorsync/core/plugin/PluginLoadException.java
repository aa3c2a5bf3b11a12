package io.vectorsync.core.plugin;

import java.nio.file.Path;

/** A plugin directory that cannot be used: names the directory, the cause and, where it helps, what to do. */
public class PluginLoadException extends RuntimeException {
    public PluginLoadException(Path dir, String message, Throwable cause) {
        super("plugin " + (dir == null ? "(class path)" : dir.toString()) + ": " + message, cause);
    }
}
