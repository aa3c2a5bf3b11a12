package io.vectorsync.core.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Named connections defined outside the job, as DataWorks keeps them: a JSON object of
 * {@code {"Milvus_Source": {"type": "milvus", "endpoint": "…", "token": "${MILVUS_TOKEN}"}}}. Values may use
 * {@code ${name}} placeholders, resolved like the job's. The file is read with the job's limits and strictness
 * ({@link JobJson}): bounded size, no duplicate keys, nothing after the document.
 */
public final class Datasources {
    private final Path file;
    private final Map<String, Map<String, Object>> entries;

    private Datasources(Path file, Map<String, Map<String, Object>> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** No file: every datasource reference is an error that says where the file was looked for. */
    public static Datasources none(Path lookedAt) {
        return new Datasources(lookedAt, null);
    }

    @SuppressWarnings("unchecked")
    public static Datasources load(Path file) {
        if (!Files.exists(file)) {
            return none(file);
        }
        Object parsed = JobJson.parse(JobJson.readFile(file, "datasources file"), file.toString(), "datasources file");
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new InvalidJobException(file.toString(), "a datasources file must be a JSON object of named entries");
        }
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> entry)) {
                throw new InvalidJobException(file + ": " + e.getKey(), "a datasource must be a JSON object");
            }
            entries.put(e.getKey(), (Map<String, Object>) entry);
        }
        return new Datasources(file, entries);
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return entries != null;
    }

    public Optional<Map<String, Object>> get(String name) {
        return entries == null ? Optional.empty() : Optional.ofNullable(entries.get(name));
    }

    public java.util.Set<String> names() {
        return entries == null ? java.util.Set.of() : entries.keySet();
    }
}
