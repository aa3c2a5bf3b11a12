package io.vectorsync.transformer.textsplitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.transform.TransformOutput;
import io.vectorsync.api.transform.TransformerFactory;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.PluginHarness.TransformResult;
import io.vectorsync.testkit.TestPluginContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The text-splitter step through the harness, as the core runs it. */
class TextSplitterTransformerTest {
    private static final Schema INPUT = Schema.builder().field("doc_id", DataType.STRING)
            .field("body", DataType.STRING).field("lang", DataType.STRING).build();

    private static TransformResult run(Map<String, Object> params, Row... rows) throws Exception {
        return PluginHarness.transform(new TextSplitterTransformerFactory(), params, INPUT, List.of(rows), 10,
                new TestPluginContext("split"));
    }

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        m.put("sourceColumn", "body");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void foundByServiceLoader() {
        assertTrue(ServiceLoader.load(TransformerFactory.class).stream()
                .anyMatch(p -> p.get().name().equals("text-splitter")));
    }

    @Test
    void oneRecordPerChunkWithTheOtherColumnsAndStableIds() throws Exception {
        String text = Texts.resource("docs/en.md");
        Map<String, Object> p = params("idColumn", "doc_id", "tokenizer", "all-MiniLM-L6-v2", "chunkSize", 60,
                "chunkOverlap", 10);
        TransformResult first = run(p, Row.of(INPUT, "en.md", text, "en"));
        assertEquals(List.of("doc_id", "chunk_text", "lang", "chunk_index", "chunk_count", "chunk_id"),
                first.schema().names());
        List<Row> out = first.records();
        assertTrue(out.size() > 5, "a 2.5 KB document in chunks of 60 tokens: " + out.size());
        TokenCounter counter = TokenCounters.named("all-MiniLM-L6-v2");
        for (int i = 0; i < out.size(); i++) {
            Row r = out.get(i);
            assertEquals("en.md", r.get("doc_id"));
            assertEquals("en", r.get("lang"));
            assertEquals((long) i, r.get("chunk_index"));
            assertEquals((long) out.size(), r.get("chunk_count"));
            assertEquals("en.md#" + i, r.get("chunk_id"));
            assertTrue(counter.count((String) r.get("chunk_text")) <= 60);
        }
        assertEquals(out, run(p, Row.of(INPUT, "en.md", text, "en")).records(), "a second run differs");
    }

    @Test
    void withoutOverlapTheChunksHoldExactlyTheNonWhiteTextOfTheSource() throws Exception {
        String text = Texts.resource("docs/zh.md");
        TransformResult result = run(params("idColumn", "doc_id", "tokenizer", "cl100k_base", "chunkSize", 40,
                "chunkOverlap", 0), Row.of(INPUT, "zh", text, "zh"));
        StringBuilder joined = new StringBuilder();
        result.records().forEach(r -> joined.append(r.get("chunk_text")));
        assertEquals(text.replaceAll("\\s", ""), joined.toString().replaceAll("\\s", ""));
    }

    @Test
    void withoutIdColumnTheDocumentIdIsAHashOfTheText() throws Exception {
        TransformResult a = run(params("chunkSize", 5, "chunkOverlap", 0, "tokenizer", "characters"),
                Row.of(INPUT, "x", "abc def ghi", "en"));
        String id = (String) a.records().get(0).get("chunk_id");
        assertTrue(id.matches("[0-9a-f]{16}#0"), id);
        assertEquals(List.of("abc", "def", "ghi"), a.records().stream().map(r -> r.get("chunk_text")).toList());
        TransformResult b = run(params("chunkSize", 5, "chunkOverlap", 0, "tokenizer", "characters"),
                Row.of(INPUT, "y", "abc def ghi", "de"));
        assertEquals(id, b.records().get(0).get("chunk_id"));
    }

    @Test
    void nullAndBlankTextsAreFilteredNullIdsAreDirty() throws Exception {
        TransformResult result = run(params("idColumn", "doc_id"), Row.of(INPUT, "a", null, "en"),
                Row.of(INPUT, "b", "", "en"), Row.of(INPUT, "c", " \n\t ", "en"), Row.of(INPUT, null, "text", "en"),
                Row.of(INPUT, "d", "kept", "en"));
        assertEquals(3, result.filtered().size());
        assertEquals(1, result.context().dirty().size());
        assertEquals(TextSplitterErrorCode.NULL_DOCUMENT_ID, result.context().dirty().get(0).code());
        assertTrue(result.context().dirty().get(0).message().contains("idColumn \"doc_id\""));
        assertEquals(List.of("d#0"), result.records().stream().map(r -> r.get("chunk_id")).toList());
    }

    @Test
    void aGraphemeLargerThanChunkSizeMakesTheRecordDirty() throws Exception {
        TransformResult result = run(params("tokenizer", "characters", "chunkSize", 3, "chunkOverlap", 0),
                Row.of(INPUT, "a", "ok 👨‍👩‍👧‍👦 ok", "en"));
        assertEquals(0, result.records().size());
        assertEquals(TextSplitterErrorCode.CHUNK_TOO_LARGE, result.context().dirty().get(0).code());
        assertTrue(result.context().dirty().get(0).message().contains("raise chunkSize"));
    }

    @Test
    void markdownCarriesHeadingPathsAndNamesCanBeChanged() throws Exception {
        String md = "# Guide\nIntro.\n## Install\nRun the installer. Then restart.\n## Use\nType a query.\n";
        TransformResult result = run(params("idColumn", "doc_id", "format", "markdown", "chunkSize", 100,
                "chunkOverlap", 0, "chunkTextColumn", "text", "headingPathColumn", "section", "chunkIdColumn", "id"),
                Row.of(INPUT, "guide.md", md, "en"));
        assertEquals(List.of("doc_id", "text", "lang", "chunk_index", "chunk_count", "id", "section"),
                result.schema().names());
        List<Row> out = result.records();
        assertEquals(List.of("Guide", "Guide > Install", "Guide > Use"), out.stream().map(r -> r.get("section")).toList());
        assertEquals(List.of("# Guide\nIntro.", "## Install\nRun the installer. Then restart.", "## Use\nType a query."),
                out.stream().map(r -> r.get("text")).toList());
        assertEquals(List.of("guide.md#0", "guide.md#1", "guide.md#2"), out.stream().map(r -> r.get("id")).toList());
    }

    @Test
    void oneInstanceServesConcurrentStreamsWithTheSameResults() throws Exception {
        Map<String, Object> p = params("idColumn", "doc_id", "tokenizer", "all-MiniLM-L6-v2", "chunkSize", 40,
                "chunkOverlap", 8, "format", "markdown");
        var factory = new TextSplitterTransformerFactory();
        var context = new TestPluginContext("split", 4);
        var transformer = factory.create(PluginHarness.bind(factory, p), context);
        transformer.outputSchema(INPUT);
        Random random = new Random(5);
        List<Row> docs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            docs.add(Row.of(INPUT, "d" + i, "# T" + i + "\n" + Texts.random(random, 2000) + "\n## U\n" + Texts.resource("docs/zh.md"), "x"));
        }
        List<Row> expected = run(p, docs.toArray(Row[]::new)).records();
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Row>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    List<Row> out = Collections.synchronizedList(new ArrayList<>());
                    transformer.transform(docs, new TransformOutput() {
                        @Override
                        public void emit(Row record) {
                            out.add(record);
                        }

                        @Override
                        public void filter(Row input) {
                            throw new AssertionError("nothing to filter");
                        }
                    });
                    return out;
                }));
            }
            for (var f : futures) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void overlapNotBelowChunkSizeIsAConfigErrorNamingBoth() {
        PluginException e = assertThrows(PluginException.class, () -> run(params("chunkSize", 100, "chunkOverlap", 100),
                Row.of(INPUT, "a", "text", "en")));
        assertTrue(e.getMessage().contains("chunkOverlap") && e.getMessage().contains("chunkSize"), e.getMessage());
    }

    @Test
    void unknownColumnsTokenizersAndTakenNamesAreRefused() {
        PluginException missing = assertThrows(PluginException.class, () -> run(params("sourceColumn", "bdy"),
                Row.of(INPUT, "a", "text", "en")));
        assertTrue(missing.getMessage().contains("did you mean \"body\""), missing.getMessage());
        PluginException taken = assertThrows(PluginException.class, () -> run(params("chunkIdColumn", "lang"),
                Row.of(INPUT, "a", "text", "en")));
        assertTrue(taken.getMessage().contains("chunkIdColumn") && taken.getMessage().contains("\"lang\""),
                taken.getMessage());
        var issues = PluginHarness.validate(new TextSplitterTransformerFactory(), params("tokenizer", "gpt2-xl"));
        assertEquals("tokenizer", issues.get(0).key());
        assertTrue(issues.get(0).message().contains("cl100k_base"), issues.get(0).message());
    }
}
