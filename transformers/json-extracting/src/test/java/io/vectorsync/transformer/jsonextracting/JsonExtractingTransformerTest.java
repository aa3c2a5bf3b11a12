package io.vectorsync.transformer.jsonextracting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.transform.TransformerFactory;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.PluginHarness.TransformResult;
import io.vectorsync.testkit.TestPluginContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The json-extracting step, through the harness as the core runs it. */
class JsonExtractingTransformerTest {
    private static final Schema INPUT = Schema.builder().field("id", DataType.INT64)
            .field("chunk_text", DataType.STRING).build();

    private static Map<String, Object> column(String name, String from, String path, String type, String action) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("fromColumn", from);
        c.put("jsonPath", path);
        if (type != null) {
            c.put("type", type);
        }
        if (action != null) {
            c.put("nullOrInvalidDataAction", action);
        }
        return c;
    }

    private static TransformResult run(List<Map<String, Object>> columns, String... jsons) throws Exception {
        List<Row> in = new ArrayList<>();
        for (int i = 0; i < jsons.length; i++) {
            in.add(Row.of(INPUT, (long) i, jsons[i]));
        }
        return PluginHarness.transform(new JsonExtractingTransformerFactory(), Map.of("column", columns), INPUT, in,
                10, new TestPluginContext("jsonextract"));
    }

    @Test
    void foundByServiceLoader() {
        assertTrue(ServiceLoader.load(TransformerFactory.class).stream()
                .anyMatch(p -> p.get().name().equals("json-extracting")));
    }

    @Test
    void extractsTheSeedExample() throws Exception {
        TransformResult r = run(List.of(column("text", "chunk_text", "$.text", "STRING", "DIRTY_DATA")),
                "{\"text\": \"hello world\", \"page\": 3}");
        assertEquals(List.of("id", "chunk_text", "text"), r.schema().names());
        assertEquals(DataType.STRING, r.schema().field(2).type());
        assertEquals("hello world", r.records().get(0).get("text"));
        assertEquals("{\"text\": \"hello world\", \"page\": 3}", r.records().get(0).get("chunk_text"));
    }

    @Test
    void convertsEveryTypeCaseInsensitively() throws Exception {
        String json = "{\"n\": \"42\", \"d\": 1.50, \"b\": true, \"day\": \"2024-01-02 10:00:00\", "
                + "\"ts\": \"2024-01-02T03:04:05Z\", \"dec\": 12.340, \"meta\": {\"tags\": [\"a\", \"b\"]}, \"k\": 7}";
        TransformResult r = run(List.of(
                column("n", "chunk_text", "$.n", "long", null),
                column("d", "chunk_text", "$.d", "Double", null),
                column("b", "chunk_text", "$.b", "BOOLEAN", null),
                column("day", "chunk_text", "$.day", "date", null),
                column("ts", "chunk_text", "$.ts", "TIMESTAMP", null),
                column("dec", "chunk_text", "$.dec", "decimal", null),
                column("meta", "chunk_text", "$.meta", "JSON", null),
                column("tag0", "chunk_text", "$.meta.tags[0]", null, null),
                column("k", "chunk_text", "$.k", "STRING", null)), json);
        Row rec = r.records().get(0);
        assertEquals(42L, rec.get("n"));
        assertEquals(1.5, rec.get("d"));
        assertEquals(true, rec.get("b"));
        assertEquals(LocalDate.of(2024, 1, 2), rec.get("day"));
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"), rec.get("ts"));
        assertEquals(new BigDecimal("12.340"), rec.get("dec"));
        assertEquals("{\"tags\":[\"a\",\"b\"]}", rec.get("meta"));
        assertEquals("a", rec.get("tag0"));
        assertEquals("7", rec.get("k"));
        assertEquals(DataType.INT64, r.schema().find("n").orElseThrow().type());
        assertEquals(DataType.JSON, r.schema().find("meta").orElseThrow().type());
    }

    @Test
    void dirtyDataActionReportsEachKindOfProblem() throws Exception {
        TransformResult r = run(List.of(column("text", "chunk_text", "$.text", "STRING", "DIRTY_DATA"),
                        column("n", "chunk_text", "$.n", "LONG", "dirty_data")),
                "{\"text\": \"ok\", \"n\": 1}",
                "not json at all",
                "{\"n\": 2}",
                "{\"text\": null, \"n\": 3}",
                "{\"text\": \"x\", \"n\": \"abc\"}",
                null);
        assertEquals(1, r.records().size());
        assertEquals(0L, r.records().get(0).get("id"));
        List<TestPluginContext.DirtyRecord> dirty = r.context().dirty();
        assertEquals(5, dirty.size());
        assertEquals("json-extracting.INVALID_JSON", dirty.get(0).code().code());
        assertTrue(dirty.get(0).message().contains("\"chunk_text\" is not valid JSON"), dirty.get(0).message());
        assertEquals("json-extracting.PATH_NOT_FOUND", dirty.get(1).code().code());
        assertTrue(dirty.get(1).message().contains("column \"text\": nothing at $.text"), dirty.get(1).message());
        assertEquals("json-extracting.NULL_VALUE", dirty.get(2).code().code());
        assertEquals("json-extracting.CONVERSION_FAILED", dirty.get(3).code().code());
        assertTrue(dirty.get(3).message().contains("value \"abc\" is not a valid LONG (at $.n)"), dirty.get(3).message());
        assertTrue(dirty.get(4).message().contains("fromColumn \"chunk_text\" is NULL"), dirty.get(4).message());
        assertTrue(dirty.get(4).message().contains("nullOrInvalidDataAction"), dirty.get(4).message());
        assertEquals(5L, dirty.get(4).record().get("id"));
    }

    @Test
    void nullActionKeepsTheRecordWithNull() throws Exception {
        TransformResult r = run(List.of(column("text", "chunk_text", "$.text", "STRING", "NULL"),
                        column("n", "chunk_text", "$.n", "LONG", "null")),
                "{\"text\": \"ok\", \"n\": 1}", "not json", "{\"n\": \"abc\"}", null);
        assertEquals(4, r.records().size());
        assertTrue(r.context().dirty().isEmpty());
        assertEquals("ok", r.records().get(0).get("text"));
        assertNull(r.records().get(1).get("text"));
        assertNull(r.records().get(2).get("text"));
        assertNull(r.records().get(2).get("n"));
        assertNull(r.records().get(3).get("n"));
    }

    @Test
    void mixedActionsOnlyDirtyForDirtyColumns() throws Exception {
        TransformResult r = run(List.of(column("text", "chunk_text", "$.text", "STRING", "DIRTY_DATA"),
                column("opt", "chunk_text", "$.opt", "STRING", "NULL")), "{\"text\": \"t\"}", "{\"opt\": \"o\"}");
        assertEquals(1, r.records().size());
        assertNull(r.records().get(0).get("opt"));
        assertEquals(1, r.context().dirty().size());
        assertEquals(1L, r.context().dirty().get(0).record().get("id"));
    }

    @Test
    void sameNameReplacesTheColumnInPlace() throws Exception {
        TransformResult r = run(List.of(column("chunk_text", "chunk_text", "$.text", null, null)), "{\"text\": \"t\"}");
        assertEquals(List.of("id", "chunk_text"), r.schema().names());
        assertEquals("t", r.records().get(0).get("chunk_text"));
    }

    @Test
    void unknownFromColumnFailsAtPlanningListingFields() {
        PluginException e = assertThrows(PluginException.class,
                () -> run(List.of(column("text", "chunk_txt", "$.text", null, null)), "{}"));
        assertEquals("json-extracting.COLUMN_NOT_FOUND", e.errorCode().code());
        assertTrue(e.getMessage().contains("column[0].fromColumn") && e.getMessage().contains("[id, chunk_text]")
                && e.getMessage().contains("did you mean \"chunk_text\""), e.getMessage());
    }

    @Test
    void everyBadEntryIsReportedAtItsPath() {
        var issues = PluginHarness.validate(new JsonExtractingTransformerFactory(), Map.of("column", List.of(
                column("text", "chunk_text", "$.[", null, null),
                column("text2", "chunk_text", "$.a", "VECTOR", "SKIP"),
                Map.of("name", "x", "jsonPath", "$.a"),
                Map.of("name", "y", "fromColumn", "chunk_text", "jsonPath", "$.a", "jsonpath", "$.b"),
                "z")));
        assertEquals(List.of("column[0].jsonPath", "column[1].type", "column[1].nullOrInvalidDataAction",
                "column[2].fromColumn", "column[3].jsonpath", "column[4]"), issues.stream().map(i -> i.key()).toList());
        assertTrue(issues.get(0).message().startsWith("is not a valid JSON path"), issues.get(0).message());
        assertTrue(issues.get(1).message().contains("STRING, LONG"), issues.get(1).message());
        assertTrue(issues.get(3).message().startsWith("required parameter is missing"), issues.get(3).message());
        assertTrue(issues.get(4).message().contains("did you mean \"jsonPath\""), issues.get(4).message());
        assertEquals(List.of("column"), PluginHarness.validate(new JsonExtractingTransformerFactory(),
                Map.of("column", List.of())).stream().map(i -> i.key()).toList());
        String docs = new JsonExtractingTransformerFactory().configSpec().toMarkdown();
        assertTrue(docs.contains("| `column[].jsonPath` | string |  | yes |"), docs);
    }

    @Test
    void aNameExtractedTwiceFailsNamingTheEntry() {
        PluginException twice = assertThrows(PluginException.class, () -> run(List.of(
                column("x", "chunk_text", "$.a", null, null), column("x", "chunk_text", "$.b", null, null)), "{}"));
        assertTrue(twice.getMessage().contains("\"column[1].name\": column \"x\" is extracted twice"),
                twice.getMessage());
    }

    @Test
    void indefinitePathGivesAListAsJsonText() throws Exception {
        TransformResult r = run(List.of(column("tags", "chunk_text", "$.items[*].tag", null, null)),
                "{\"items\": [{\"tag\": \"a\"}, {\"tag\": \"b\"}]}", "{\"items\": []}");
        assertEquals("[\"a\",\"b\"]", r.records().get(0).get("tags"));
        assertEquals(1, r.context().dirty().size());
        assertEquals("json-extracting.PATH_NOT_FOUND", r.context().dirty().get(0).code().code());
    }
}
