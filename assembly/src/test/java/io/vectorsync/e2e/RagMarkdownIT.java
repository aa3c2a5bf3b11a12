package io.vectorsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The RAG quickstart on the distribution, offline: the Markdown folder read directly (localfile fileFormat binary,
 * one record per file) → text-splitter
 * (markdown, all-MiniLM-L6-v2 tokens) → in-process ONNX embeddings → local JSON lines with chunk ids and heading
 * paths. Run twice: the chunk ids must be identical.
 */
class RagMarkdownIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path DOCS = Distribution.REPO.resolve("examples/rag/docs");

    @Test
    void splitsEmbedsAndWritesChunksWithStableIdsAndHeadingPaths() throws Exception {
        Path report = Files.createTempFile("rag-report", ".json");
        List<JsonNode> first = run(report);
        JsonNode r = MAPPER.readTree(report.toFile());
        assertEquals("SUCCEEDED", r.get("status").asText());
        assertEquals(3, r.get("recordsRead").asLong());
        assertEquals(first.size(), r.get("recordsWritten").asLong());
        // the splitter made chunks out of 3 documents: the counts still add up, with the chunks it created
        assertEquals(first.size() - 3, r.get("recordsCreated").asLong());

        Map<String, List<JsonNode>> byDoc = new LinkedHashMap<>();
        for (JsonNode chunk : first) {
            byDoc.computeIfAbsent(chunk.get("fileName").asText(), k -> new ArrayList<>()).add(chunk);
        }
        try (Stream<Path> files = Files.list(DOCS)) {
            assertEquals(files.map(p -> p.getFileName().toString()).sorted().toList(),
                    byDoc.keySet().stream().sorted().toList());
        }
        for (Map.Entry<String, List<JsonNode>> doc : byDoc.entrySet()) {
            String source = Files.readString(DOCS.resolve(doc.getKey()), StandardCharsets.UTF_8);
            List<JsonNode> chunks = doc.getValue();
            assertTrue(chunks.size() > 2, doc.getKey() + " is cut into several chunks: " + chunks.size());
            for (int i = 0; i < chunks.size(); i++) {
                JsonNode c = chunks.get(i);
                assertEquals(i, c.get("chunk_index").asInt());
                assertEquals(chunks.size(), c.get("chunk_count").asInt());
                assertEquals(doc.getKey() + "#" + i, c.get("chunk_id").asText());
                assertTrue(source.contains(c.get("chunk_text").asText()), "chunk text is a passage of the file");
                assertEquals(384, c.get("chunk_vector").size());
                assertTrue(c.has("heading_path"));
            }
            // headings: every chunk's path ends with the last heading above it in the file
            for (JsonNode c : chunks) {
                String text = c.get("chunk_text").asText();
                String path = c.get("heading_path").asText();
                String before = source.substring(0, source.indexOf(text) + (text.startsWith("#") ? text.indexOf('\n') : 0));
                String lastHeading = lastHeading(before);
                assertTrue(path.endsWith(lastHeading.replaceFirst("^#+\\s*", "").strip()),
                        "\"" + path + "\" for chunk " + c.get("chunk_id").asText());
            }
        }
        JsonNode install = first.stream().filter(c -> c.get("heading_path").asText()
                .equals("Getting started with vectorsync > Install > Windows")).findFirst().orElseThrow();
        assertTrue(install.get("chunk_text").asText().contains("WSL"), install.toString());
        assertTrue(first.stream().anyMatch(c -> c.get("heading_path").asText().equals("常见问题 > 中文文本如何切分？")));

        List<JsonNode> second = run(Files.createTempFile("rag-report", ".json"));
        assertEquals(first.stream().map(c -> c.get("chunk_id").asText() + c.get("chunk_text").asText()).toList(),
                second.stream().map(c -> c.get("chunk_id").asText() + c.get("chunk_text").asText()).toList(),
                "a second run gives the same chunks and ids");
    }

    /** The last ATX heading line of {@code markdown} outside fenced code blocks, or "". */
    private static String lastHeading(String markdown) {
        String last = "";
        boolean fenced = false;
        for (String line : markdown.lines().toList()) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && line.startsWith("#")) {
                last = line;
            }
        }
        return last;
    }

    private static List<JsonNode> run(Path report) throws Exception {
        Distribution.Outcome o = Distribution.cli("run", "examples/rag-markdown.json", "--report", report.toString());
        assertEquals(0, o.exitCode(), o.stderr());
        assertTrue(o.stderr().contains("target/rag-output"), "the user is told where the output went: " + o.stderr());
        List<JsonNode> chunks = new ArrayList<>();
        for (String line : Files.readAllLines(Distribution.REPO.resolve("target/rag-output/chunks-0.jsonl"))) {
            chunks.add(MAPPER.readTree(line));
        }
        return chunks;
    }
}
