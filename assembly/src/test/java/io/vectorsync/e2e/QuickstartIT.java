package io.vectorsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's first command: the quickstart job on the distribution, offline: local CSV → in-process ONNX
 * embeddings → local JSON lines. Then its preview.
 */
class QuickstartIT {
    @Test
    void quickstartWritesOneNormalizedVectorPerSentence() throws Exception {
        Path report = Files.createTempFile("quickstart-report", ".json");
        Distribution.Outcome o = Distribution.cli("run", "examples/quickstart.json", "--report", report.toString());
        assertEquals(0, o.exitCode(), o.stderr());
        assertTrue(o.stderr().contains("Job quickstart SUCCEEDED"), o.stderr());
        Path output = Distribution.REPO.resolve("target/quickstart-output/sentences-0.jsonl");
        assertTrue(o.stderr().contains("target/quickstart-output"), "the user is told where the output went: " + o.stderr());
        List<String> lines = Files.readAllLines(output);
        assertEquals(200, lines.size());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode first = mapper.readTree(lines.get(0));
        assertEquals("A man with a hard hat is dancing.", first.get("sentence").asText());
        assertEquals(5.0, first.get("score").asDouble());
        JsonNode vector = first.get("sentence_vector");
        assertEquals(384, vector.size());
        double norm = 0;
        for (JsonNode v : vector) {
            norm += v.asDouble() * v.asDouble();
        }
        assertEquals(1.0, Math.sqrt(norm), 1e-3, "all-MiniLM-L6-v2 vectors are L2-normalized");
        JsonNode r = mapper.readTree(report.toFile());
        assertEquals("SUCCEEDED", r.get("status").asText());
        assertEquals(200, r.get("recordsRead").asLong());
        assertEquals(200, r.get("recordsWritten").asLong());
    }

    @Test
    void previewShowsVectorsShortenedAndWritesNothing() throws Exception {
        Distribution.Outcome o = Distribution.cli("preview", "examples/quickstart.json", "--limit", "3");
        assertEquals(0, o.exitCode(), o.stderr());
        assertTrue(o.stdout().contains("sentence_vector float_vector(384)"), o.stdout());
        assertTrue(o.stdout().contains("#1 {sentence=A man with a hard hat is dancing."), o.stdout());
        assertTrue(o.stdout().contains("(384 dims)]"), o.stdout());
        assertTrue(o.stdout().contains("3 record(s) previewed; nothing was written"), o.stdout());
    }
}
