package io.vectorsync.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.core.runtime.JobResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's OSS example shape on local files: JSON lines → json-extracting ($.text) → embedding-transformer
 * (bailian, text-embedding-v4, batchSize 8, dimension 1024, against a loopback DashScope) → JSON lines.
 */
class EmbeddingJobIT {
    @TempDir
    Path dir;

    @Test
    void jsonLinesAreExtractedEmbeddedAndWrittenWithTheirVectors() throws Exception {
        String key = "sk-e2e-test-key-not-real";
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.add("{\"id\": " + i + ", \"text\": \"chunk number " + (i % 40) + "\"}"); // 40 distinct texts
        }
        lines.add("{\"id\": 100}"); // no text: json-extracting makes it dirty (DIRTY_DATA)
        Path input = dir.resolve("chunk1.jsonl");
        Files.write(input, lines);
        Path out = dir.resolve("out");
        try (FakeDashScope fake = new FakeDashScope(key)) {
            String job = """
                    {"type":"job","version":"2.0","steps":[
                     {"stepType":"localfile","category":"reader","name":"Reader","parameter":{
                       "path":["%s"],"column":[{"name":"chunk_text","index":0,"type":"string"}],
                       "fieldDelimiter":",","encoding":"UTF-8","fileFormat":"jsonl"}},
                     {"stepType":"json-extracting","category":"flatmap","name":"jsonextract","parameter":{"column":[
                       {"name":"text","fromColumn":"chunk_text","jsonPath":"$.text","type":"STRING","nullOrInvalidDataAction":"DIRTY_DATA"}]}},
                     {"stepType":"embedding-transformer","category":"flatmap","name":"embedding","parameter":{
                       "modelProvider":"bailian","modelName":"text-embedding-v4","apiKey":"${Your_API_Key}",
                       "endpoint":"%s",
                       "embeddingColumns":{"sourceColumnNames":["text"],"embeddingColumnName":"my_vector"},
                       "batchSize":8,"dimension":1024}},
                     {"stepType":"localfile","category":"writer","name":"Writer","parameter":{
                       "path":"%s","fileName":"vectors","fileFormat":"jsonl","writeMode":"truncate"}}],
                     "setting":{"errorLimit":{"record":"1"},"speed":{"concurrent":1}}}
                    """.formatted(input, fake.endpoint(), out);
            Path jobFile = dir.resolve("job.json");
            Files.writeString(jobFile, job);
            Path dirty = dir.resolve("dirty.jsonl");
            JobResult r = Distribution.engine(dirty, null, Map.of("Your_API_Key", key)).run(jobFile);
            assertTrue(r.succeeded(), r.error());
            assertEquals(101, r.recordsRead());
            assertEquals(100, r.recordsWritten());
            assertEquals(1, r.dirtyRecords());
            assertTrue(fake.batchSizes.stream().allMatch(n -> n <= 8), "batchSize 8 is respected: " + fake.batchSizes);
            assertTrue(fake.calls.get() <= 40 / 8 + 2, "40 distinct texts need about 5 calls with the cache, made "
                    + fake.calls.get());
            assertEquals(1, fake.throttled.get(), "the 429 was retried");

            ObjectMapper mapper = new ObjectMapper();
            int rows = 0;
            try (var files = Files.list(out)) {
                for (Path f : files.toList()) {
                    for (String line : Files.readAllLines(f)) {
                        JsonNode n = mapper.readTree(line);
                        JsonNode vector = n.get("my_vector");
                        assertEquals(1024, vector.size());
                        float[] expected = FakeVectors.of(n.get("text").asText(), 1024);
                        float[] actual = new float[1024];
                        for (int i = 0; i < 1024; i++) {
                            actual[i] = (float) vector.get(i).asDouble();
                        }
                        assertArrayEquals(expected, actual, 1e-6f, "the vector belongs to its own text");
                        rows++;
                    }
                }
            }
            assertEquals(100, rows);
            String dirtyText = Files.readString(dirty);
            assertTrue(dirtyText.contains("\"step\":\"jsonextract\""), dirtyText);
            assertFalse(dirtyText.contains(key), dirtyText);
        }
    }
}
