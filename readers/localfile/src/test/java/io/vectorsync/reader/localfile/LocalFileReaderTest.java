package io.vectorsync.reader.localfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileReaderTest {
    private static final LocalFileReaderFactory FACTORY = new LocalFileReaderFactory();
    private static final String CSV = "id,name,price,active,born,seen,amount,meta\n"
            + "1,\"Smith, John\",9.5,true,1989/06/04,2026-11-24 10:00:00,12.34,\"{\"\"a\"\":1}\"\n"
            + "2,\"two\nlines\",\\N,FALSE,2000/01/01,2026-11-24T10:00:00Z,0.1,\"[1,2]\"\n";

    @TempDir
    Path dir;

    private static Map<String, Object> params(Object path, Object... more) {
        return ReaderParams.of(path, more);
    }

    private static List<Object> typedColumns() {
        return List.of(
                Map.of("index", 0, "type", "long", "name", "id"),
                Map.of("index", "1", "type", "string", "name", "name"),
                Map.of("index", 2, "type", "double", "name", "price"),
                Map.of("index", 3, "type", "boolean"),
                Map.of("index", 4, "type", "date", "format", "yyyy/MM/dd", "name", "born"),
                Map.of("index", 5, "type", "timestamp", "name", "seen"),
                Map.of("index", 6, "type", "decimal", "name", "amount"),
                Map.of("index", 7, "type", "json", "name", "meta"),
                Map.of("type", "string", "value", "batch-7"));
    }

    private PluginHarness.ReadResult read(Map<String, Object> params) throws Exception {
        return PluginHarness.read(FACTORY, params, new TestPluginContext("Reader", 2));
    }

    private void assertTypedRows(PluginHarness.ReadResult r) {
        assertEquals(List.of("id", "name", "price", "col3", "born", "seen", "amount", "meta", "constant8"),
                r.schema().names());
        assertEquals(DataType.DATE, r.schema().field(4).type());
        assertEquals(DataType.TIMESTAMP, r.schema().field(5).type());
        assertEquals(2, r.records().size(), () -> "dirty: " + r.context().dirty());
        Row a = r.records().get(0);
        assertEquals(1L, a.get("id"));
        assertEquals("Smith, John", a.get("name"));
        assertEquals(9.5, a.get("price"));
        assertEquals(true, a.get("col3"));
        assertEquals(LocalDate.of(1989, 6, 4), a.get("born"));
        assertEquals(LocalDateTime.of(2026, 11, 24, 10, 0).atZone(ZoneId.systemDefault()).toInstant(), a.get("seen"));
        assertEquals(new BigDecimal("12.34"), a.get("amount"));
        assertEquals("{\"a\":1}", a.get("meta"));
        assertEquals("batch-7", a.get("constant8"));
        Row b = r.records().get(1);
        assertEquals("two\nlines", b.get("name"));
        assertNull(b.get("price"));
        assertEquals(false, b.get("col3"));
        assertEquals(Instant.parse("2026-11-24T10:00:00Z"), b.get("seen"));
        assertEquals("[1,2]", b.get("meta"));
        assertTrue(r.context().dirty().isEmpty(), () -> r.context().dirty().toString());
    }

    @Test
    void csvWithHeaderQuotesTypesConstantsAndNullFormat() throws Exception {
        Path f = Files.writeString(dir.resolve("a.csv"), CSV);
        var r = read(params(f.toString(), "column", typedColumns(), "skipHeader", true, "nullFormat", "\\N"));
        assertTypedRows(r);
        assertEquals(1, r.splits().size());
        assertEquals(Files.size(f), r.splits().get(0).estimatedBytes());
        assertEquals(f.toString(), r.splits().get(0).id());
    }

    @Test
    void gzipBzip2AndZipGiveTheSameRows() throws Exception {
        byte[] csv = CSV.getBytes(StandardCharsets.UTF_8);
        Path gz = dir.resolve("a.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(csv);
        }
        Path bz = dir.resolve("a.csv.bz2");
        try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(bz))) {
            out.write(csv);
        }
        Path zip = dir.resolve("a.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            out.putArchiveEntry(new ZipArchiveEntry("dir/"));
            out.closeArchiveEntry();
            out.putArchiveEntry(new ZipArchiveEntry("dir/a.csv"));
            out.write(csv);
            out.closeArchiveEntry();
        }
        for (Object[] c : new Object[][] {{gz, "gzip"}, {bz, "bzip2"}, {zip, "zip"}}) {
            assertTypedRows(read(params(c[0].toString(), "compress", c[1], "column", typedColumns(),
                    "skipHeader", "true", "nullFormat", "\\N")));
        }
    }

    @Test
    void zipEntriesAreAllReadWithTheirNamesInDirtyMessages() throws Exception {
        Path zip = dir.resolve("two.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            out.putArchiveEntry(new ZipArchiveEntry("x.csv"));
            out.write("1\n2\n".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
            out.putArchiveEntry(new ZipArchiveEntry("y.csv"));
            out.write("3\nfour\n".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        var r = read(params(zip.toString(), "compress", "zip", "column", List.of(Map.of("index", 0, "type", "long"))));
        assertEquals(List.of(1L, 2L, 3L), r.records().stream().map(x -> x.get(0)).toList());
        assertEquals(1, r.context().dirty().size());
        var d = r.context().dirty().get(0);
        assertEquals(CommonErrorCode.CONVERSION_FAILED, d.code());
        assertTrue(d.message().contains(zip + "!y.csv:2"), d.message());
        assertTrue(d.message().contains("\"four\" is not a valid int64"), d.message());
    }

    @Test
    void badLinesBecomeDirtyRecordsWithFileAndLineWhileGoodOnesAreRead() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.csv"), "1,a,2.5\n2,b\nx,c,1.0\n4,\"d\"e,1\n5,e,7\n");
        var r = read(params(f.toString(), "column", List.of(
                Map.of("index", 0, "type", "long", "name", "id"),
                Map.of("index", 1, "type", "string"),
                Map.of("index", 2, "type", "double", "name", "score"))));
        assertEquals(List.of(1L, 5L), r.records().stream().map(x -> x.get("id")).toList());
        List<TestPluginContext.DirtyRecord> dirty = r.context().dirty();
        assertEquals(3, dirty.size(), dirty::toString);
        assertEquals(CommonErrorCode.MALFORMED_RECORD, dirty.get(0).code());
        assertTrue(dirty.get(0).message().startsWith(f + ":2: too few fields: 2"), dirty.get(0).message());
        assertEquals("2,b", dirty.get(0).raw());
        assertEquals(CommonErrorCode.CONVERSION_FAILED, dirty.get(1).code());
        assertTrue(dirty.get(1).message().startsWith(f + ":3: column \"id\" (index 0): \"x\" is not a valid int64"),
                dirty.get(1).message());
        assertEquals(CommonErrorCode.MALFORMED_RECORD, dirty.get(2).code());
        assertTrue(dirty.get(2).message().startsWith(f + ":4: malformed CSV"), dirty.get(2).message());
    }

    @Test
    void textFormatSplitsAtTheDelimiterWithoutQuoting() throws Exception {
        Path f = Files.writeString(dir.resolve("t.txt"), "a\t\"b\"\t1\n\nc\t\td\n");
        var r = read(params(f.toString(), "fileFormat", "text", "fieldDelimiter", "\\t"));
        assertEquals(List.of("col0", "col1", "col2"), r.schema().names());
        assertEquals(List.of("a", "\"b\"", "1"), List.of(r.records().get(0).get(0), r.records().get(0).get(1),
                r.records().get(0).get(2)));
        assertEquals(List.of("c", "", "d"), List.of(r.records().get(1).get(0), r.records().get(1).get(1),
                r.records().get(1).get(2)));
    }

    @Test
    void starReadsEveryColumnAsStringAndReportsRowsOfAnotherWidth() throws Exception {
        Path f = Files.writeString(dir.resolve("s.csv"), "h1,h2\n1,2\n3\n4,5\n");
        var r = read(params(f.toString(), "column", List.of("*"), "skipHeader", true));
        assertEquals(List.of("col0", "col1"), r.schema().names());
        assertEquals(List.of("1", "4"), r.records().stream().map(x -> x.get("col0")).toList());
        assertEquals(1, r.context().dirty().size());
        assertTrue(r.context().dirty().get(0).message().startsWith(f + ":3: 1 fields, but the first record has 2"));
    }

    @Test
    void jsonlIndexZeroIsTheRawLineAndNamesReadTopLevelKeys() throws Exception {
        String l1 = "{\"id\":7,\"chunk\":\"hello\",\"meta\":{\"k\":[1,2]},\"score\":\"0.5\",\"ok\":true}";
        String l2 = "{\"id\":\"8\",\"chunk\":null,\"score\":1}";
        Path f = Files.writeString(dir.resolve("d.jsonl"), l1 + "\n" + l2 + "\nnot json\n[1]\n{\"id\":\"x\"}\n");
        var raw = read(params(f.toString(), "fileFormat", "jsonl",
                "column", List.of(Map.of("name", "chunk_text", "index", 0, "type", "string"))));
        assertEquals(List.of(l1, l2, "not json", "[1]", "{\"id\":\"x\"}"),
                raw.records().stream().map(x -> x.get("chunk_text")).toList());
        assertTrue(raw.context().dirty().isEmpty());

        var byName = read(params(f.toString(), "fileFormat", "jsonl", "column", List.of(
                Map.of("name", "id", "type", "long"),
                Map.of("name", "chunk", "type", "string"),
                Map.of("name", "meta", "type", "json"),
                Map.of("name", "score", "type", "double"),
                Map.of("name", "ok", "type", "bool"))));
        assertEquals(2, byName.records().size());
        Row a = byName.records().get(0);
        assertEquals(7L, a.get("id"));
        assertEquals("hello", a.get("chunk"));
        assertEquals("{\"k\":[1,2]}", a.get("meta"));
        assertEquals(0.5, a.get("score"));
        assertEquals(true, a.get("ok"));
        Row b = byName.records().get(1);
        assertEquals(8L, b.get("id"));
        assertNull(b.get("chunk"));
        assertNull(b.get("meta"));
        assertEquals(1.0, b.get("score"));
        var dirty = byName.context().dirty();
        assertEquals(3, dirty.size(), dirty::toString);
        assertTrue(dirty.get(0).message().startsWith(f + ":3: not valid JSON"), dirty.get(0).message());
        assertTrue(dirty.get(1).message().startsWith(f + ":4: not a JSON object"), dirty.get(1).message());
        assertTrue(dirty.get(2).message().startsWith(f + ":5: column \"id\": \"x\" is not a valid int64"),
                dirty.get(2).message());
    }

    @Test
    void jsonlStarTakesTheKeysOfTheFirstObject() throws Exception {
        Path f = Files.writeString(dir.resolve("k.jsonl"), "{\"a\":1,\"b\":{\"c\":2}}\n{\"b\":\"x\"}\n");
        var r = read(params(f.toString(), "fileFormat", "jsonl"));
        assertEquals(List.of("a", "b"), r.schema().names());
        assertEquals("1", r.records().get(0).get("a"));
        assertEquals("{\"c\":2}", r.records().get(0).get("b"));
        assertNull(r.records().get(1).get("a"));
        assertEquals("x", r.records().get(1).get("b"));
    }

    @Test
    void gbkFilesAreDecodedAndInvalidBytesAreDirtyNotFatal() throws Exception {
        Path gbk = dir.resolve("gbk.csv");
        Files.write(gbk, "1,中文\n2,数据\n".getBytes(Charset.forName("GBK")));
        var r = read(params(gbk.toString(), "encoding", "GBK"));
        assertEquals(List.of("中文", "数据"), r.records().stream().map(x -> x.get("col1")).toList());

        Path bad = dir.resolve("bad-utf8.csv");
        byte[] good1 = "1,ok\n".getBytes(StandardCharsets.UTF_8);
        byte[] broken = {'2', ',', (byte) 0xC3, (byte) 0x28, '\n'};
        byte[] good2 = "3,fine\n".getBytes(StandardCharsets.UTF_8);
        Files.write(bad, concat(good1, broken, good2));
        var u = read(params(bad.toString()));
        assertEquals(List.of("ok", "fine"), u.records().stream().map(x -> x.get("col1")).toList());
        assertEquals(1, u.context().dirty().size());
        var d = u.context().dirty().get(0);
        assertEquals(CommonErrorCode.MALFORMED_RECORD, d.code());
        assertEquals(bad + ":2: bytes that are not valid UTF-8 text", d.message());
    }

    @Test
    void globsListsAndDirectories() throws Exception {
        Files.createDirectories(dir.resolve("in/sub/deeper"));
        Files.writeString(dir.resolve("in/a.csv"), "a\n");
        Files.writeString(dir.resolve("in/b.csv"), "b\n");
        Files.writeString(dir.resolve("in/skip.txt"), "no\n");
        Files.writeString(dir.resolve("in/sub/c.csv"), "c\n");
        Files.writeString(dir.resolve("in/sub/deeper/d.csv"), "d\n");

        assertEquals(List.of("a", "b"), col0(read(params(dir + "/in/*.csv"))));
        assertEquals(List.of("a", "b", "c", "d"), col0(read(params(dir + "/in/**/*.csv"))).stream().sorted().toList());
        assertEquals(List.of("c", "a"), col0(read(params(List.of(dir + "/in/sub/c.csv", dir + "/in/a.csv")))));
        assertEquals(List.of("a", "b", "no"), col0(read(params(dir + "/in"))));
        var r = read(params(dir + "/in/*.csv"));
        assertEquals(2, r.splits().size());
    }

    @Test
    void nothingMatchingIsAClearError() {
        String pattern = dir + "/nothing/*.jsonl";
        PluginException e = assertThrows(PluginException.class, () -> read(params(pattern, "column",
                List.of(Map.of("index", 0, "type", "string")))));
        assertEquals(LocalFileErrorCode.NO_FILE_MATCHED, e.errorCode());
        assertTrue(e.getMessage().contains("\"path\": no file matches \"" + pattern + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("step \"Reader\""), e.getMessage());
    }

    @Test
    void badColumnEntriesAreAllReportedAtTheirPaths() {
        var issues = PluginHarness.validate(FACTORY, params("/x", "column", List.of(
                Map.of("index", 0, "type", "vector"),
                Map.of("index", -1),
                Map.of("idx", 2),
                Map.of("index", 1, "format", "yyyy-MM-dd'"))));
        assertEquals(List.of("column[0].type", "column[1].index", "column[2].idx", "column[3].format"),
                issues.stream().map(i -> i.key()).toList());
        assertTrue(issues.get(0).message().startsWith("is not a type this reader reads; use one of string, long"),
                issues.get(0).message());
        assertEquals("unknown parameter; did you mean \"index\"?", issues.get(2).message());
        assertEquals("compress", PluginHarness.validate(FACTORY, params("/x", "compress", "lzo")).get(0).key());
    }

    @Test
    void problemsBetweenKeysFailAtCreationNamingEveryColumn() {
        var ctx = new TestPluginContext("Reader");
        var e = assertThrows(PluginException.class, () -> FACTORY.create(PluginHarness.bind(FACTORY,
                params("/x", "fileFormat", "jsonl", "column", List.of(Map.of("index", 2, "type", "string")))), ctx));
        assertTrue(e.getMessage().contains("\"column[0].index\": in jsonl files index 0 is the whole line"));
        e = assertThrows(PluginException.class, () -> FACTORY.create(PluginHarness.bind(FACTORY,
                params("/x", "column", List.of(Map.of("name", "a", "type", "long"),
                        Map.of("value", "abc", "type", "long"), Map.of("index", 1, "value", "x"),
                        Map.of("index", 1, "name", "col2"), Map.of("index", 2)))), ctx));
        assertEquals("step \"Reader\": \"column[0]\": needs index (0-based field number) or value (a constant);"
                + " \"column[1].value\": \"abc\" is not a valid int64; \"column[2]\": give either index or value,"
                + " not both; \"column[4].name\": field name \"col2\" is used twice; give the columns distinct names",
                e.getMessage());
    }

    private static List<Object> col0(PluginHarness.ReadResult r) {
        return r.records().stream().map(x -> x.get(0)).toList();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
