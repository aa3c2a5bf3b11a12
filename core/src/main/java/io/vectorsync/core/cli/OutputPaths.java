package io.vectorsync.core.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a file the job will write ({@code --report}, {@code --dirty-file}) before the job starts, so a run of
 * hours does not end unable to save its report. Creates nothing: the nearest existing ancestor must be a writable
 * directory (the missing ones are created when the file is written).
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /** Throws IllegalArgumentException (exit 2) naming {@code option} when {@code file} cannot be written. */
    static void check(String option, Path file) {
        if (file == null) {
            return;
        }
        Path absolute = file.toAbsolutePath().normalize();
        String prefix = option + " " + file + ": ";
        if (Files.isDirectory(absolute)) {
            throw new IllegalArgumentException(prefix + "is a directory; give a file name, e.g. "
                    + file.resolve(option.equals("--report") ? "report.json" : "dirty.jsonl"));
        }
        if (Files.exists(absolute)) {
            if (!Files.isRegularFile(absolute) || !Files.isWritable(absolute)) {
                throw new IllegalArgumentException(prefix + "exists and cannot be overwritten (not a writable file)");
            }
            return;
        }
        Path ancestor = absolute.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            throw new IllegalArgumentException(prefix + "no existing directory above it");
        }
        if (!Files.isDirectory(ancestor)) {
            throw new IllegalArgumentException(prefix + ancestor + " is a file, so no directory can be created there");
        }
        if (!Files.isWritable(ancestor)) {
            throw new IllegalArgumentException(prefix + "directory " + ancestor + " is not writable");
        }
    }
}
