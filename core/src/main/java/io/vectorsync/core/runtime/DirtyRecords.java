package io.vectorsync.core.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.error.ErrorCode;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Values;
import io.vectorsync.core.stats.SecretMasker;
import io.vectorsync.core.stats.StepMetrics;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's dirty records: each goes to the dirty-data file as one JSON line ({@code step, code, message,
 * record} or {@code raw}, secrets masked), is counted on its step, and is checked against
 * {@code errorLimit.record} at once. The file is created on the first dirty record only.
 *
 * <p>The file only ever holds whole lines: lines are gathered in memory and written in chunks that end at a line
 * end, through a {@link FileOutputStream} (not a channel: the job's stop interrupts stage threads, and an
 * interrupted channel write would close the file mid-line). {@link #close()} writes the rest; the runner's abort
 * path ends before it is called, so a cancelled job's file is complete too.
 */
public final class DirtyRecords implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DirtyRecords.class);
    private static final int KEPT_FOR_MESSAGES = 5;
    private static final int CHUNK_CHARS = 64 * 1024;

    private Path file; // guarded by this
    private final Long recordLimit;
    private final ObjectMapper mapper;
    private final SecretMasker masker;
    private final AtomicLong count = new AtomicLong();
    private final List<String> firstMessages = new ArrayList<>();
    private final StringBuilder pending = new StringBuilder(); // whole lines not yet written; guarded by this
    private OutputStream out;
    private boolean closed;

    public DirtyRecords(Path file, Long recordLimit, ObjectMapper mapper, SecretMasker masker) {
        this.file = file;
        this.recordLimit = recordLimit;
        this.mapper = mapper;
        this.masker = masker;
    }

    /**
     * Writes to {@code other} instead (a resumed run: one file per attempt, so an earlier attempt's file is kept).
     * Only before the first dirty record.
     */
    public synchronized void useFile(Path other) {
        if (out != null) {
            throw new IllegalStateException("the dirty-data file " + file + " is already written");
        }
        file = other;
    }

    /** Records one dirty record of {@code step}; throws {@link ErrorLimitExceededException} past the limit. */
    public void report(StepMetrics step, Row record, String raw, ErrorCode code, String message) {
        step.addDirty();
        long n = count.incrementAndGet();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", step.stepName());
        line.put("stepType", step.stepType());
        line.put("code", code.code());
        line.put("message", masker.mask(message));
        if (record != null) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < record.size(); i++) {
                Object v = record.get(i);
                values.put(record.schema().field(i).name(), v instanceof String s ? masker.mask(s)
                        : v == null || v instanceof Number || v instanceof Boolean ? v
                        : masker.mask(Values.toDisplayString(v, Integer.MAX_VALUE)));
            }
            line.put("record", values);
        }
        if (raw != null) {
            line.put("raw", masker.mask(raw));
        }
        write(line);
        synchronized (firstMessages) {
            if (firstMessages.size() < KEPT_FOR_MESSAGES) {
                firstMessages.add(step.stepName() + ": " + masker.mask(message));
            }
        }
        if (recordLimit != null && n > recordLimit) {
            throw new ErrorLimitExceededException("errorLimit.record is " + recordLimit + " and " + n
                    + " records were dirty; first: " + firstMessages() + "; all in " + currentFile());
        }
    }

    private synchronized void write(Map<String, Object> line) {
        try {
            String json = mapper.writeValueAsString(line);
            if (closed) {
                // a stage abandoned after the grace period, still reporting after the job ended
                LOG.warn("dirty record after the job ended, not in {}: {}", file, json);
                return;
            }
            if (out == null) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                out = new FileOutputStream(file.toFile());
            }
            pending.append(json).append('\n');
            if (pending.length() >= CHUNK_CHARS) {
                drain();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dirty-data file " + file, e);
        }
    }

    /** Writes the gathered lines, all of them, in one call. */
    private void drain() throws IOException {
        if (pending.length() > 0) {
            out.write(pending.toString().getBytes(StandardCharsets.UTF_8));
            pending.setLength(0);
        }
    }

    private synchronized Path currentFile() {
        return file;
    }

    public long count() {
        return count.get();
    }

    public List<String> firstMessages() {
        synchronized (firstMessages) {
            return List.copyOf(firstMessages);
        }
    }

    /** The file, or null when no record was dirty. */
    public synchronized Path fileIfWritten() {
        return out == null ? null : file;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (out != null) {
            try {
                drain();
            } finally {
                out.close();
            }
        }
    }
}
