package io.vectorsync.reader.localfile;

import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Resolves the {@code path} entries (plain paths, directories and globs) to the regular files to read. */
final class LocalFilePaths {
    private LocalFilePaths() {
    }

    /**
     * The matching files, each pattern's matches sorted, duplicates removed. Throws a PluginException naming the
     * {@code path} parameter and the pattern when nothing matches.
     */
    static List<Path> resolve(String step, List<String> patterns) {
        Set<Path> files = new LinkedHashSet<>();
        List<String> empty = new ArrayList<>();
        for (String pattern : patterns) {
            List<Path> found = resolveOne(step, pattern.trim());
            if (found.isEmpty()) {
                empty.add(pattern);
            }
            files.addAll(found);
        }
        if (files.isEmpty()) {
            throw new PluginException(LocalFileErrorCode.NO_FILE_MATCHED, "step \"" + step + "\": \"path\": no file"
                    + " matches " + (empty.size() == 1 ? "\"" + empty.get(0) + "\"" : empty)
                    + " (relative paths start at " + Paths.get("").toAbsolutePath()
                    + "); check the path, or the glob (* stays inside one directory, ** crosses directories)");
        }
        return List.copyOf(files);
    }

    private static List<Path> resolveOne(String step, String pattern) {
        if (pattern.isEmpty()) {
            return List.of();
        }
        int glob = firstGlobChar(pattern);
        try {
            if (glob < 0) {
                Path p = Paths.get(pattern).toAbsolutePath().normalize();
                if (Files.isRegularFile(p)) {
                    return List.of(p);
                }
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.list(p)) {
                        return s.filter(Files::isRegularFile).sorted().toList();
                    }
                }
                return List.of();
            }
            int slash = pattern.lastIndexOf('/', glob);
            String baseText = slash < 0 ? "" : pattern.substring(0, slash + 1);
            Path base = Paths.get(baseText.isEmpty() ? "." : baseText).toAbsolutePath().normalize();
            if (!Files.isDirectory(base)) {
                return List.of();
            }
            String rest = pattern.substring(slash + 1);
            String absolute = base.toString().replace('\\', '/');
            absolute = absolute.endsWith("/") ? absolute + rest : absolute + "/" + rest;
            List<PathMatcher> matchers = new ArrayList<>();
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + absolute));
            if (absolute.contains("/**/")) {
                // let /a/**/x also match /a/x, as most tools do
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + absolute.replace("/**/", "/")));
            }
            int depth = rest.contains("**") ? Integer.MAX_VALUE : rest.split("/").length;
            try (Stream<Path> s = Files.walk(base, depth)) {
                return s.filter(Files::isRegularFile)
                        .filter(p -> matchers.stream().anyMatch(m -> m.matches(p)))
                        .sorted().toList();
            }
        } catch (IOException | UncheckedIOException e) {
            throw new PluginException(CommonErrorCode.IO_FAILED, "step \"" + step + "\": \"path\": cannot list \""
                    + pattern + "\": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw PluginException.config("path", "\"" + pattern + "\" is not a valid glob: " + e.getMessage());
        }
    }

    private static int firstGlobChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return -1;
    }
}
