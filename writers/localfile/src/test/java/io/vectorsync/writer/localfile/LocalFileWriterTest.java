package io.vectorsync.writer.localfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.record.SparseVector;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterTask;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileWriterTest {
    private static final LocalFileWriterFactory FACTORY = new LocalFileWriterFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Schema SCHEMA = Schema.builder()
            .field("id", DataType.INT64)
            .field("text", DataType.STRING)
            .field("vec", DataType.floatVector(4))
            .field("sparse", DataType.SPARSE_VECTOR)
            .field("meta", DataType.JSON)
            .field("ts", DataType.TIMESTAMP)
            .field("day", DataType.DATE)
            .field("raw", DataType.BYTES)
            .field("price", DataType.DECIMAL)
            .field("score", DataType.FLOAT64)
            .build();

    @TempDir
    Path dir;

    private static float[] vec(int i) {
        return new float[] {0.1f * i, -1.5f, 3.3333333f, 1e-7f};
    }

    private static List<Row> records(int n) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Row.of(SCHEMA, (long) i, i == 1 ? null : "row " + i + ", \"quoted\"\nsecond line", vec(i),
                    new SparseVector(new int[] {2, 40}, new float[] {0.25f, 0.125f * i}),
                    "{\"k\":" + i + ",\"tags\":[\"a\"]}", Instant.parse("2026-11-24T10:00:00Z"),
                    LocalDate.of(2026, 11, 24), new byte[] {1, 2, (byte) i}, new BigDecimal("12.50"), 0.5 * i));
        }
        return out;
    }

    private Map<String, Object> params(Object... kv) {
        Map<String, Object> p = new HashMap<>();
        p.put("path", dir.resolve("out").toString());
        p.put("writeMode", "truncate");
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return p;
    }

    private TestPluginContext write(Map<String, Object> params, List<Row> records) throws Exception {
        return PluginHarness.write(FACTORY, params, SCHEMA, records, 2, new TestPluginContext("Writer"));
    }

    @Test
    void jsonlRoundTripKeepsEveryValueAndType() throws Exception {
        TestPluginContext ctx = write(params(), records(3));
        assertTrue(ctx.dirty().isEmpty());
        Path file = dir.resolve("out/part-0.jsonl");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(3, lines.size());
        for (int i = 0; i < 3; i++) {
            JsonNode n = MAPPER.readTree(lines.get(i));
            assertEquals(i, n.get("id").longValue());
            if (i == 1) {
                assertTrue(n.get("text").isNull());
            } else {
                assertEquals("row " + i + ", \"quoted\"\nsecond line", n.get("text").textValue());
            }
            float[] expected = vec(i);
            assertEquals(4, n.get("vec").size());
            for (int d = 0; d < 4; d++) {
                assertEquals(expected[d], n.get("vec").get(d).floatValue(), 0f);
            }
            assertEquals(MAPPER.readTree("{\"indices\":[2,40],\"values\":[0.25," + (0.125f * i) + "]}"),
                    n.get("sparse"));
            assertTrue(n.get("meta").isObject(), "json columns are embedded, not quoted");
            assertEquals(i, n.get("meta").get("k").intValue());
            assertEquals("2026-11-24T10:00:00Z", n.get("ts").textValue());
            assertEquals("2026-11-24", n.get("day").textValue());
            assertEquals(Base64.getEncoder().encodeToString(new byte[] {1, 2, (byte) i}), n.get("raw").textValue());
            assertTrue(lines.get(i).contains("\"price\":12.50,"), lines.get(i));
            assertEquals(0.5 * i, n.get("score").doubleValue());
        }
    }

    @Test
    void nullVectorsAreJsonNullInJsonlAndNullFormatInCsv() throws Exception {
        // what an empty text embedded with nullAsEmptyString: true arrives as
        Row empty = Row.of(SCHEMA, 9L, "", null, null, null, null, null, null, null, null);
        assertTrue(write(params(), List.of(empty)).dirty().isEmpty());
        JsonNode n = MAPPER.readTree(Files.readAllLines(dir.resolve("out/part-0.jsonl")).get(0));
        assertTrue(n.has("vec") && n.get("vec").isNull(), n.toString());
        assertTrue(n.has("sparse") && n.get("sparse").isNull(), n.toString());

        write(params("fileFormat", "csv", "fileName", "nulls"), List.of(empty));
        List<String> csv = Files.readAllLines(dir.resolve("out/nulls-0.csv"));
        assertTrue(csv.get(csv.size() - 1).startsWith("9,,\\N,\\N,"), csv.toString());
    }

    @Test
    void csvRoundTripWithHeaderQuotingAndNullFormat() throws Exception {
        write(params("fileFormat", "csv"), records(2));
        String content = Files.readString(dir.resolve("out/part-0.csv"));
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(content)).getRecords();
        assertEquals(3, rows.size());
        assertEquals(SCHEMA.names(), rows.get(0).toList());
        CSVRecord a = rows.get(1);
        assertEquals("0", a.get(0));
        assertEquals("row 0, \"quoted\"\nsecond line", a.get(1));
        assertEquals("[0.0,-1.5,3.3333333,1.0E-7]", a.get(2));
        assertEquals("{\"indices\":[2,40],\"values\":[0.25,0.0]}", a.get(3));
        assertEquals("{\"k\":0,\"tags\":[\"a\"]}", a.get(4));
        assertEquals("2026-11-24T10:00:00Z", a.get(5));
        assertEquals("2026-11-24", a.get(6));
        assertEquals("12.50", a.get(8));
        assertEquals("\\N", rows.get(2).get(1));
        float[] parsed = MAPPER.readValue(a.get(2), float[].class);
        assertEquals(List.of(0f, -1.5f, 3.3333333f, 1e-7f), List.of(parsed[0], parsed[1], parsed[2], parsed[3]));
    }

    @Test
    void textFormatWithCustomHeaderDelimiterEncodingAndDateFormat() throws Exception {
        Schema s = Schema.builder().field("a", DataType.STRING).field("b", DataType.TIMESTAMP).build();
        PluginHarness.write(FACTORY, params("fileFormat", "text", "fieldDelimiter", "\\t", "encoding", "GBK",
                        "header", List.of("名称", "时间"), "nullFormat", "", "dateFormat", "yyyy-MM-dd"), s,
                List.of(Row.of(s, "中文", Instant.parse("2026-11-24T10:00:00Z")), Row.of(s, null, null)), 10,
                new TestPluginContext("Writer"));
        List<String> lines = Files.readAllLines(dir.resolve("out/part-0.txt"), Charset.forName("GBK"));
        assertEquals(List.of("名称\t时间", "中文\t" + java.time.LocalDate.ofInstant(
                Instant.parse("2026-11-24T10:00:00Z"), java.time.ZoneId.systemDefault()), "\t"), lines);
    }

    @Test
    void invalidJsonInAJsonColumnIsADirtyRecordAndTheOthersAreWritten() throws Exception {
        List<Row> recs = new ArrayList<>(records(3));
        recs.set(1, recs.get(1).toBuilder().set("meta", "{not json").build());
        TestPluginContext ctx = write(params(), recs);
        assertEquals(1, ctx.dirty().size());
        assertEquals(CommonErrorCode.RECORD_REJECTED, ctx.dirty().get(0).code());
        assertTrue(ctx.dirty().get(0).message().startsWith("column \"meta\": cannot be written as JSON"));
        List<String> lines = Files.readAllLines(dir.resolve("out/part-0.jsonl"));
        assertEquals(List.of(0L, 2L), lines.stream().map(l -> {
            try {
                return MAPPER.readTree(l).get("id").longValue();
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList());
    }

    @Test
    void oneFilePerStream() throws Exception {
        TestPluginContext ctx = new TestPluginContext("Writer", 2);
        try (Writer w = FACTORY.create(PluginHarness.bind(FACTORY, params()), ctx)) {
            w.bind(SCHEMA);
            w.check();
            w.prepare();
            try (WriterTask t0 = w.openTask(0); WriterTask t1 = w.openTask(1)) {
                t0.write(records(2));
                t1.write(records(1));
                t0.flush();
                t1.flush();
            }
            w.finish();
            assertEquals(List.of(dir.resolve("out/part-0.jsonl"), dir.resolve("out/part-1.jsonl")),
                    ((LocalFileWriter) w).writtenFiles());
        }
        assertEquals(2, Files.readAllLines(dir.resolve("out/part-0.jsonl")).size());
        assertEquals(1, Files.readAllLines(dir.resolve("out/part-1.jsonl")).size());
    }

    @Test
    void truncateDeletesOnlyThisWritersFiles() throws Exception {
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/part-7.csv"), "old");
        Files.writeString(dir.resolve("out/keep.txt"), "other");
        write(params(), records(1));
        assertEquals(List.of("keep.txt", "part-0.jsonl"), listing());
        write(params(), records(2));
        assertEquals(2, Files.readAllLines(dir.resolve("out/part-0.jsonl")).size());
    }

    @Test
    void appendAddsToTheFileAndWritesTheHeaderOnce() throws Exception {
        write(params("writeMode", "append", "fileFormat", "csv"), records(1));
        write(params("writeMode", "append", "fileFormat", "csv"), records(2));
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(
                Files.readString(dir.resolve("out/part-0.csv")))).getRecords();
        assertEquals(4, rows.size());
        assertEquals("id", rows.get(0).get(0));
        assertEquals(List.of("0", "0", "1"), rows.subList(1, 4).stream().map(r -> r.get(0)).toList());
    }

    @Test
    void nonConflictFailsWhenFilesWithThePrefixExist() throws Exception {
        write(params("writeMode", "nonConflict", "fileName", "vec"), records(1));
        String before = Files.readString(dir.resolve("out/vec-0.jsonl"));
        PluginException e = assertThrows(PluginException.class,
                () -> write(params("writeMode", "nonConflict", "fileName", "vec"), records(2)));
        assertEquals(LocalFileWriterErrorCode.FILES_EXIST, e.errorCode());
        assertEquals("step \"Writer\": \"writeMode\" is nonConflict but " + dir.resolve("out") + " already holds 1"
                + " file(s) named vec-*: [vec-0.jsonl]; delete them, choose another fileName, or use writeMode"
                + " truncate or append", e.getMessage());
        assertEquals(before, Files.readString(dir.resolve("out/vec-0.jsonl")));
        write(params("writeMode", "nonConflict", "fileName", "other"), records(1));
        assertFalse(listing().isEmpty());
    }

    @Test
    void writeModeIsRequiredAndHeaderMustMatchTheFields() {
        Map<String, Object> p = params();
        p.remove("writeMode");
        assertEquals("writeMode", PluginHarness.validate(FACTORY, p).get(0).key());
        PluginException e = assertThrows(PluginException.class,
                () -> write(params("fileFormat", "csv", "header", List.of("a", "b")), records(1)));
        assertTrue(e.getMessage().contains("\"header\""), e.getMessage());
    }

    private List<String> listing() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
