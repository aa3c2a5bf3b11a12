package io.vectorsync.transformer.embedding;

import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.assertVectorOf;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.columns;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.params;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.row;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text composition rules, each pinned by what reaches the model and what lands in the record. */
class EmbeddingCompositionTest {
    private final FakeEmbeddingModelFactory fake = new FakeEmbeddingModelFactory();

    @Test
    void joinsColumnsInSourceColumnNamesOrderWithNewlineByDefault() throws Exception {
        var result = run(fake, params("embeddingColumns", columns(List.of("body", "title"), "vec")),
                List.of(row(1, "Title", "Body")), 10);
        assertEquals(List.of("Body\nTitle"), fake.textsSent());
        assertVectorOf("Body\nTitle", result.records().get(0));
        assertEquals("Title", result.records().get(0).get("title"), "source columns are kept");
    }

    @Test
    void customDelimiterAndFieldNames() throws Exception {
        run(fake, params("embeddingColumns", columns(List.of("title", "body"), "vec"), "appendDelimiter", " | ",
                "appendFieldNameEnable", "true", "appendFieldNameDelimiter", "="), List.of(row(1, "T", "B")), 10);
        assertEquals(List.of("title=T | body=B"), fake.textsSent());
    }

    @Test
    void fieldNameDelimiterDefaultsToColon() throws Exception {
        run(fake, params("embeddingColumns", columns(List.of("title", "body"), "vec"), "appendFieldNameEnable", true),
                List.of(row(1, "T", "B")), 10);
        assertEquals(List.of("title:T\nbody:B"), fake.textsSent());
    }

    @Test
    void nullLeftOutWhenOtherColumnsGiveText() throws Exception {
        var result = run(fake, params("embeddingColumns", columns(List.of("title", "body"), "vec"),
                "appendFieldNameEnable", true), List.of(row(1, null, "B")), 10);
        assertEquals(List.of("body:B"), fake.textsSent());
        assertEquals(1, result.records().size());
        assertTrue(result.context().dirty().isEmpty());
    }

    @Test
    void allNullIsDirtyNamingTheColumnAndNullAsEmptyString() throws Exception {
        var result = run(fake, params(), List.of(row(1, null, "B"), row(2, "ok", null)), 10);
        assertEquals(1, result.records().size());
        assertEquals(2L, result.records().get(0).get("id"));
        List<TestPluginContext.DirtyRecord> dirty = result.context().dirty();
        assertEquals(1, dirty.size());
        assertEquals(1L, dirty.get(0).record().get("id"));
        assertEquals("embedding.NULL_VALUE", dirty.get(0).code().code());
        assertTrue(dirty.get(0).message().contains("\"title\""), dirty.get(0).message());
        assertTrue(dirty.get(0).message().contains("nullAsEmptyString"), dirty.get(0).message());
        assertEquals(List.of("ok"), fake.textsSent());
    }

    @Test
    void nullAsEmptyStringKeepsTheSlot() throws Exception {
        run(fake, params("embeddingColumns", columns(List.of("title", "body"), "vec"), "nullAsEmptyString", true),
                List.of(row(1, null, "B")), 10);
        assertEquals(List.of("\nB"), fake.textsSent());
    }

    @Test
    void skipEmptyValueDropsEmptyAndNullColumns() throws Exception {
        Schema three = Schema.builder().field("a", DataType.STRING).field("b", DataType.STRING)
                .field("c", DataType.STRING).build();
        var params = params("embeddingColumns", columns(List.of("a", "b", "c"), "vec"), "skipEmptyValue", true,
                "nullAsEmptyString", true, "appendFieldNameEnable", true);
        PluginHarness.transform(new EmbeddingTransformerFactory(), params, three,
                List.of(Row.of(three, "x", "", null)), 10, EmbeddingTestSupport.context(fake));
        assertEquals(List.of("a:x"), fake.textsSent());
        fake.calls.clear();
        var keep = params("embeddingColumns", columns(List.of("a", "b", "c"), "vec"), "skipEmptyValue", false,
                "nullAsEmptyString", true);
        PluginHarness.transform(new EmbeddingTransformerFactory(), keep, three,
                List.of(Row.of(three, "x", "", null)), 10, EmbeddingTestSupport.context(fake));
        assertEquals(List.of("x\n\n"), fake.textsSent());
    }

    /** NUL, no-break space, ideographic space, zero-width space, BOM, tab: nothing to embed. */
    private static final String INVISIBLE = "\u0000\u00a0\u3000\u200b\ufeff\t";

    @Test
    void emptyTextIsDirtyWhenNullAsEmptyStringIsFalse() throws Exception {
        var result = run(fake, params("embeddingColumns", columns(List.of("title", "body"), "vec")),
                List.of(row(1, "", "\u00a0"), row(2, " ", INVISIBLE), row(3, "x", "")), 10);
        assertEquals(1, result.records().size());
        List<TestPluginContext.DirtyRecord> dirty = result.context().dirty();
        assertEquals(2, dirty.size());
        for (TestPluginContext.DirtyRecord d : dirty) {
            assertEquals("embedding.EMPTY_TEXT", d.code().code());
            assertTrue(d.message().contains("empty"), d.message());
        }
        assertEquals(List.of("x\n"), fake.textsSent());
    }

    @Test
    void emptyTextGetsANullVectorWhenNullAsEmptyStringIsTrue() throws Exception {
        var result = run(fake, params("embeddingColumns", columns(List.of("title", "body"), "vec"),
                "nullAsEmptyString", true), List.of(row(1, null, null), row(2, " ", INVISIBLE), row(3, "x", "")), 10);
        assertEquals(List.of(), result.context().dirty(), "an empty text is not an error with nullAsEmptyString");
        assertEquals(3, result.records().size(), "every record continues");
        assertNull(result.records().get(0).get("vec"), "all-NULL record: NULL vector");
        assertNull(result.records().get(1).get("vec"), "invisible characters only: NULL vector");
        EmbeddingTestSupport.assertVectorOf("x\n", result.records().get(2));
        assertEquals(List.of("x\n"), fake.textsSent(), "empty texts are never sent");
    }

    @Test
    void emptinessIsUnicodeAware() {
        assertTrue(TextComposer.isEmpty(INVISIBLE + "\n\r\u2028\u200d"));
        assertTrue(TextComposer.isEmpty(""));
        assertFalse(TextComposer.isEmpty(INVISIBLE + "a"));
        assertFalse(TextComposer.isEmpty("\ud83d\ude00"), "an emoji is text");
        assertFalse(TextComposer.isEmpty("\u4e2d"));
    }

    @Test
    void nonStringValuesUseIsoAndPlainText() throws Exception {
        Schema typed = Schema.builder().field("n", DataType.INT64).field("d", DataType.DATE)
                .field("ts", DataType.TIMESTAMP).field("dec", DataType.DECIMAL).field("b", DataType.BOOLEAN)
                .field("f", DataType.FLOAT64).build();
        Row r = Row.of(typed, 42L, LocalDate.of(2024, 1, 2), Instant.parse("2024-01-02T03:04:05Z"),
                new BigDecimal("1E+3"), true, 2.5);
        var params = params("embeddingColumns", columns(List.of("n", "d", "ts", "dec", "b", "f"), "vec"),
                "appendDelimiter", ",");
        PluginHarness.transform(new EmbeddingTransformerFactory(), params, typed, List.of(r), 10,
                EmbeddingTestSupport.context(fake));
        assertEquals(List.of("42,2024-01-02,2024-01-02T03:04:05Z,1000,true,2.5"), fake.textsSent());
    }

    @Test
    void truncatesOversizeTextByDefault() throws Exception {
        fake.maxCharsPerText = 10;
        var result = run(fake, params(), List.of(row(1, "0123456789ABCDEF", null)), 10);
        assertEquals(List.of("0123456789"), fake.textsSent());
        assertVectorOf("0123456789", result.records().get(0));
    }

    @Test
    void truncatesByEstimatedTokens() throws Exception {
        fake.maxTokensPerText = 3;
        run(fake, params(), List.of(row(1, "你好世界和平", null), row(2, "abcdefghijklmnop", null)), 10);
        assertEquals(List.of("你好世", "abcdefghi"), fake.textsSent());
    }

    @Test
    void oversizeTextDirtyPolicy() throws Exception {
        fake.maxCharsPerText = 10;
        var result = run(fake, params("oversizeTextPolicy", "DIRTY"),
                List.of(row(1, "0123456789ABCDEF", null), row(2, "short", null)), 10);
        assertEquals(1, result.records().size());
        assertEquals(1, result.context().dirty().size());
        TestPluginContext.DirtyRecord d = result.context().dirty().get(0);
        assertEquals("embedding.TEXT_TOO_LONG", d.code().code());
        assertTrue(d.message().contains("16 characters") && d.message().contains("10 characters"), d.message());
        assertTrue(d.message().contains("oversizeTextPolicy"), d.message());
    }

    @Test
    void tokenEstimateIsConservative() {
        assertEquals(4, TextBudget.estimateTokens("你好世界"));
        assertEquals(2, TextBudget.estimateTokens("abcdef"));
        assertEquals(3, TextBudget.estimateTokens("abcdefg"));
        assertEquals("a😀", new TextBudget(3, 0).truncate("a😀b"), "never splits a surrogate pair");
        assertEquals("a", new TextBudget(2, 0).truncate("a😀b"));
    }
}
