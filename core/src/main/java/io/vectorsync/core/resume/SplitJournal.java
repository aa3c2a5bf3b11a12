package io.vectorsync.core.resume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The resume state of one job (one fingerprint): a lock file, the planned split list ({@code plan.json}) and an
 * append-only journal ({@code journal.log}, one JSON object per line, each line forced to disk before the call
 * returns). Events: {@code prepared} (the writer's prepare ran to its end: never run it again), {@code attempt}
 * (a run started), {@code done} (every record of a split was acknowledged by the writer, with the split's counts).
 * A line cut by a crash (the last one) is ignored. Thread-safe: writer stages of several streams journal at once.
 */
public final class SplitJournal implements AutoCloseable {
    static final String PLAN = "plan.json";
    static final String JOURNAL = "journal.log";
    static final String LOCK = "lock";

    private final Path dir;
    private final ObjectMapper mapper;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private FileChannel journal; // guarded by this
    private boolean prepared;
    private int attempts;
    private final Map<Integer, SplitCounts> done = new HashMap<>();

    private SplitJournal(Path dir, ObjectMapper mapper, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.mapper = mapper;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating) the state of the job with {@code fingerprint} under {@code stateRoot}, locked against a second
     * run of the same job. Throws {@link ResumeRefusedException} when another process holds the lock.
     */
    public static SplitJournal open(Path stateRoot, String fingerprint, ObjectMapper mapper) throws IOException {
        Path dir = stateRoot.resolve(fingerprint);
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this JVM
        }
        if (lock == null) {
            channel.close();
            throw new ResumeRefusedException("another run of this job holds the resume state " + dir
                    + "; wait for it to end (two runs of one job would write the same splits)");
        }
        SplitJournal j = new SplitJournal(dir, mapper, channel, lock);
        j.load();
        return j;
    }

    private void load() throws IOException {
        Path file = dir.resolve(JOURNAL);
        if (Files.exists(file)) {
            dropCutLine(file);
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode e;
                try {
                    e = mapper.readTree(line);
                } catch (IOException cut) {
                    continue; // a line cut by a crash: its event did not happen
                }
                if (e == null || !e.has("event")) {
                    continue;
                }
                switch (e.get("event").asText()) {
                    case "prepared" -> prepared = true;
                    case "attempt" -> attempts = Math.max(attempts, e.path("attempt").asInt());
                    case "done" -> done.put(e.get("split").asInt(), SplitCounts.from(e));
                    default -> {
                    }
                }
            }
        }
        journal = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** A crash in the middle of an append leaves a line without its end: cut it off, or the next event would join it. */
    private static void dropCutLine(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(end);
                ch.force(true);
            }
        }
    }

    public Path directory() {
        return dir;
    }

    /** Whether an earlier run of this job left state (a plan was stored). */
    public boolean hasPlan() {
        return Files.exists(dir.resolve(PLAN));
    }

    /** The stored plan, or null. */
    public StoredPlan storedPlan() throws IOException {
        Path file = dir.resolve(PLAN);
        return Files.exists(file) ? mapper.readValue(file.toFile(), StoredPlan.class) : null;
    }

    /** Stores {@code plan} (atomically: written beside, then moved over). */
    public void storePlan(StoredPlan plan) throws IOException {
        Path tmp = dir.resolve(PLAN + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(mapper.writeValueAsBytes(plan)));
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(PLAN), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Replaces the done splits (after {@code --resume=force} mapped them onto a new plan) and rewrites the journal. */
    public synchronized void rewrite(Map<Integer, SplitCounts> keptDone) throws IOException {
        done.clear();
        done.putAll(keptDone);
        journal.close();
        Path file = dir.resolve(JOURNAL);
        Path tmp = dir.resolve(JOURNAL + ".tmp");
        StringBuilder sb = new StringBuilder();
        if (prepared) {
            sb.append(line(event("prepared"))).append('\n');
        }
        sb.append(line(event("attempt").put("attempt", attempts))).append('\n');
        for (Map.Entry<Integer, SplitCounts> e : keptDone.entrySet()) {
            sb.append(line(e.getValue().toEvent(event("done").put("split", e.getKey())))).append('\n');
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        journal = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Attempts journalled so far. */
    public synchronized int attempts() {
        return attempts;
    }

    public synchronized boolean prepared() {
        return prepared;
    }

    /** The writer's prepare ran to its end: a resumed run must not run it again (it may truncate). */
    public synchronized void markPrepared() {
        append(event("prepared"));
        prepared = true;
    }

    /** Starts a new attempt; returns its number (1 for the first run). */
    public synchronized int beginAttempt() {
        attempts++;
        append(event("attempt").put("attempt", attempts));
        return attempts;
    }

    /** Splits journalled done, by their index in the stored plan, with their counts. */
    public synchronized Map<Integer, SplitCounts> done() {
        return Map.copyOf(done);
    }

    /** The split at {@code index} of the stored plan is done: every record of it was acknowledged. */
    public synchronized void splitDone(int index, SplitCounts counts) {
        append(counts.toEvent(event("done").put("split", index)));
        done.put(index, counts);
    }

    private ObjectNode event(String name) {
        return mapper.createObjectNode().put("event", name);
    }

    private String line(ObjectNode e) {
        try {
            return mapper.writeValueAsString(e);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    /** One line, forced to disk before returning: after a crash, the event is either whole or absent. */
    private void append(ObjectNode e) {
        try {
            journal.write(ByteBuffer.wrap((line(e) + "\n").getBytes(StandardCharsets.UTF_8)));
            journal.force(false);
        } catch (IOException x) {
            throw new UncheckedIOException("cannot write the resume journal " + dir.resolve(JOURNAL), x);
        }
    }

    /** The job succeeded: removes the state (the lock last). */
    public synchronized void completed() throws IOException {
        journal.close();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted(Comparator.comparing(p -> p.getFileName().toString().equals(LOCK))).toList()) {
                if (!f.getFileName().toString().equals(LOCK)) {
                    Files.deleteIfExists(f);
                }
            }
        }
        lock.release();
        lockChannel.close();
        Files.deleteIfExists(dir.resolve(LOCK));
        Files.deleteIfExists(dir);
    }

    @Override
    public synchronized void close() throws IOException {
        if (journal.isOpen()) {
            journal.close();
        }
        if (lockChannel.isOpen()) {
            lock.release();
            lockChannel.close();
        }
    }

    /**
     * A planned split list as stored: per split its id (for messages), the codec version, the encoded split and its
     * identity (Base64; compared to notice changed inputs).
     */
    public record StoredPlan(String reader, List<StoredSplit> splits) {
    }

    /** One stored split. */
    public record StoredSplit(String id, int version, String encoded, String identity) {
    }
}
