package io.vectorsync.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.e2e.FakeVectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model endpoint misbehaves for a whole run (30 % of the calls: 429, 500, replies slower than the read timeout,
 * connections closed without a reply, truncated JSON, in seeded random order): the job run by the real distribution
 * completes, every record is written or dirty with its reason, the counts add up, and every written record holds its
 * own text's vector (a retry never shifts vectors between texts).
 */
class MisbehavingModelIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyRecordIsWrittenWithItsOwnVectorOrDirtyWithItsReason() throws Exception {
        try (MisbehavingDashScope model = new MisbehavingDashScope(0.3, 1500)) {
            Path input = FaultJobs.input(dir);
            Path out = dir.resolve("out");
            String json = """
                    {"type": "job", "version": "2.0", "steps": [
                      {"stepType": "localfile", "category": "reader", "name": "Reader",
                       "parameter": {"path": ["%s"], "fileFormat": "text", "fieldDelimiter": "\\t",
                                     "column": [{"index": 0, "name": "id", "type": "string"},
                                                {"index": 1, "name": "sentence", "type": "string"}]}},
                      {"stepType": "embedding-transformer", "category": "flatmap", "name": "embed",
                       "parameter": {"modelProvider": "bailian", "modelName": "text-embedding-v4", "endpoint": "%s",
                                     "apiKey": "sk-fault-injection", "readTimeoutMs": 500, "maxRetries": 10,
                                     "embeddingColumns": {"sourceColumnNames": ["sentence"], "embeddingColumnName": "vec"},
                                     "dimension": 64, "batchSize": 10}},
                      {"stepType": "localfile", "category": "writer", "name": "Writer",
                       "parameter": {"path": "%s", "fileName": "vectors", "fileFormat": "jsonl", "writeMode": "truncate"}}],
                     "setting": {"speed": {"concurrent": 2}}}
                    """.formatted(input, model.endpoint(), out);
            Path job = dir.resolve("model-faults.json");
            Files.writeString(job, json);
            FaultJobs.Run r = FaultJobs.run(dir, "faults", job, "--dirty-file", dir.resolve("dirty.jsonl").toString());
            assertEquals(0, r.exitCode(), r.stderr());
            JsonNode report = r.report();
            assertEquals(FaultJobs.ROWS, report.get("recordsRead").asLong(), report.toString());
            assertEquals(report.get("recordsRead").asLong(), report.get("recordsWritten").asLong()
                    + report.get("dirtyRecords").asLong() + report.get("filteredRecords").asLong(), report.toString());
            int faults = model.injected.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum();
            assertTrue(faults >= 5, "faults injected: " + model.injected);
            System.out.println("faults injected " + model.injected + ", calls answered " + model.answered + "; records "
                    + "written " + report.get("recordsWritten") + ", dirty " + report.get("dirtyRecords"));

            List<String> lines;
            try (var files = Files.list(out)) {
                lines = files.filter(f -> f.getFileName().toString().startsWith("vectors")).flatMap(f -> {
                    try {
                        return Files.readAllLines(f, StandardCharsets.UTF_8).stream();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList();
            }
            assertEquals(report.get("recordsWritten").asLong(), lines.size());
            Set<String> ids = new HashSet<>();
            for (String line : lines) {
                JsonNode row = MAPPER.readTree(line);
                ids.add(row.get("id").asText());
                float[] expected = FakeVectors.of(row.get("sentence").asText(), 64);
                JsonNode vec = row.get("vec");
                assertEquals(64, vec.size());
                for (int i = 0; i < 64; i++) {
                    assertEquals(expected[i], (float) vec.get(i).asDouble(), 1e-6f, "record " + row.get("id")
                            + " holds another text's vector");
                }
            }
            assertEquals(lines.size(), ids.size(), "no record written twice");
            Path dirty = dir.resolve("dirty.jsonl");
            long dirtyLines = Files.exists(dirty) ? Files.readAllLines(dirty).size() : 0;
            assertEquals(report.get("dirtyRecords").asLong(), dirtyLines, "every dirty record is in the file");
            if (dirtyLines > 0) {
                for (String line : Files.readAllLines(dirty)) {
                    assertTrue(MAPPER.readTree(line).path("message").asText().length() > 0, line);
                }
            }
        }
    }
}
