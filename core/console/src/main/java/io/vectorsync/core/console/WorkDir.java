package io.vectorsync.core.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The console's work directory: the only place its endpoints read or write files. Saved jobs go to
 * {@code jobs/}, run records to {@code runs/<id>/}, named connections to {@code conf/datasources.json}, scratch
 * job files to {@code .console/tmp/}. Every name that comes from a request goes through {@link #name}, every
 * path through {@link #confine}, so {@code ../} and absolute paths cannot leave it.
 */
public final class WorkDir {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Path root;

    public WorkDir(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use work directory " + root + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    public Path jobs() {
        return dir("jobs");
    }

    public Path runs() {
        return dir("runs");
    }

    public Path tmp() {
        return dir(".console/tmp");
    }

    public Path datasourcesFile() {
        return root.resolve("conf/datasources.json");
    }

    private Path dir(String relative) {
        Path d = root.resolve(relative);
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return d;
    }

    /**
     * A job, run or datasource name from a request: letters, digits, '.', '_' and '-', not starting with a dot,
     * at most 64 characters. Anything else (slashes, "..") is refused.
     */
    public static String name(String candidate, String what) {
        if (candidate == null || !NAME.matcher(candidate).matches() || candidate.contains("..")) {
            throw new ConsoleException(400, "bad " + what + " name \"" + candidate + "\": use letters, digits, "
                    + "'.', '_' and '-' (at most 64, not starting with '.')");
        }
        return candidate;
    }

    /** Resolves {@code path} (relative to the work directory, or absolute) and refuses it if it lies outside. */
    public Path confine(String path) {
        Path p = root.resolve(path).normalize();
        if (!p.startsWith(root)) {
            throw new ConsoleException(403, "\"" + path + "\" is outside the console's work directory " + root);
        }
        return p;
    }
}
