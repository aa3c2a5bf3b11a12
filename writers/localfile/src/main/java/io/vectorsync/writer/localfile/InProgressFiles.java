package io.vectorsync.writer.localfile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hidden files a run writes before its output becomes visible, and the atomic steps that publish them.
 *
 * <p>Stream {@code i}'s rows go to {@code .<target>.inprogress-<runId>} in the target's own directory (so the
 * rename that publishes it is atomic: same file system). The run id is {@code <pid>-<processStartMillis>-<random>}, so
 * a later run can tell whether the process that left an in-progress file is still alive ({@link #staleFiles}).
 */
final class InProgressFiles {
    private static final Logger LOG = LoggerFactory.getLogger(InProgressFiles.class);
    private static final Pattern NAME = Pattern.compile("^\\.(.+)\\.inprogress-(\\d+)-(\\d+)-([0-9a-f]+)(\\.append)?$");

    private final String runId;

    InProgressFiles() {
        this(null);
    }

    /** @param runId the core's run id (shared by every process of a distributed run), or null: one of our own */
    InProgressFiles(String runId) {
        if (runId != null && runId.matches("\\d+-\\d+-[0-9a-f]+")) {
            this.runId = runId;
            return;
        }
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        this.runId = self.pid() + "-" + started + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    }

    String runId() {
        return runId;
    }

    /** Where this run writes the rows meant for {@code target}. */
    Path inProgress(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".inprogress-" + runId);
    }

    /** Makes {@code inProgress} the content of {@code target} with one atomic rename (replacing it). */
    static void publish(Path inProgress, Path target) throws IOException {
        move(inProgress, target);
    }

    /**
     * Makes {@code target} its old content followed by {@code inProgress}'s, never a cut line: the combined
     * file is written beside the target, forced to disk and renamed over it, so a reader (or a crash) sees
     * either the old file or the whole new one. Costs a copy of the existing file; a target that does not end
     * with a line break (left cut by some other program) gets one first, so the new rows start on a line of
     * their own.
     */
    static void appendAtomically(Path inProgress, Path target) throws IOException {
        if (!Files.exists(target) || Files.size(target) == 0) {
            move(inProgress, target);
            return;
        }
        Path combined = inProgress.resolveSibling(inProgress.getFileName() + ".append");
        // keep the file's permissions: the combined file replaces it
        Files.copy(target, combined, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        try (FileChannel out = FileChannel.open(combined, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
             FileChannel in = FileChannel.open(inProgress, StandardOpenOption.READ)) {
            if (!endsWithNewline(target)) {
                out.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}));
            }
            long size = in.size();
            for (long pos = 0; pos < size; ) {
                pos += in.transferTo(pos, size - pos, out);
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(combined);
            throw e;
        }
        move(combined, target);
        Files.delete(inProgress);
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            ch.read(last, ch.size() - 1);
            return last.get(0) == '\n';
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to.getParent() + " cannot rename atomically, so output"
                    + " cannot be published safely: " + e.getMessage(), e);
        }
    }

    /** Forces the directory entry changes (renames, deletes) to disk where the platform allows it. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot fsync directory {} (not supported here): {}", dir, e.toString());
        }
    }

    /**
     * The in-progress files for targets named {@code <prefix>*} in {@code dir} that a process no longer running
     * left behind (a crashed or killed run). Files of a live process (a run going on now) are not listed.
     */
    static List<Path> staleFiles(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).startsWith(prefix)
                        && !alive(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)))) {
                    stale.add(p);
                }
            }
        }
        stale.sort(null);
        return stale;
    }

    /** Whether process {@code pid}, started at {@code startMillis} (0: unknown), still runs. */
    private static boolean alive(long pid, long startMillis) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        Optional<Instant> started = h.get().info().startInstant();
        // a recycled pid belongs to a process started at another time
        return startMillis == 0 || started.isEmpty() || started.get().toEpochMilli() == startMillis;
    }
}
