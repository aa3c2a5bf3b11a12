package io.vectorsync.core.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.error.ErrorCode;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Values;
import io.vectorsync.core.stats.SecretMasker;
import io.vectorsync.core.stats.StepMetrics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The job's dirty records: each goes to the dirty-data file as one JSON line ({@code step, code, message,
 * record} or {@code raw}, secrets masked), is counted on its step, and is checked against
 * {@code errorLimit.record} at once. The file is created on the first dirty record only.
 */
public final class DirtyRecords implements AutoCloseable {
    private static final int KEPT_FOR_MESSAGES = 5;

    private final Path file;
    private final Long recordLimit;
    private final ObjectMapper mapper;
    private final SecretMasker masker;
    private final AtomicLong count = new AtomicLong();
    private final List<String> firstMessages = new ArrayList<>();
    private BufferedWriter out;

    public DirtyRecords(Path file, Long recordLimit, ObjectMapper mapper, SecretMasker masker) {
        this.file = file;
        this.recordLimit = recordLimit;
        this.mapper = mapper;
        this.masker = masker;
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
                    + " records were dirty; first: " + firstMessages() + "; all in " + file);
        }
    }

    private synchronized void write(Map<String, Object> line) {
        try {
            if (out == null) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            }
            out.write(mapper.writeValueAsString(line));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dirty-data file " + file, e);
        }
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
        if (out != null) {
            out.close();
        }
    }
}
