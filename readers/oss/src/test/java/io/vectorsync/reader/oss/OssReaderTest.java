package io.vectorsync.reader.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.config.ConfigIssue;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OssReaderTest {
    private static final String SECRET = FakeOssServer.SECRET;
    @AutoClose
    private static FakeOssServer oss;

    @BeforeAll
    static void start() throws Exception {
        oss = new FakeOssServer();
    }

    /** The datasource keys merged into the step's parameters, as the core does. */
    private static Map<String, Object> params(String bucket, Object... kv) {
        return oss.params(bucket, kv);
    }

    /** {@code n} lines {@code i,row i}. */
    private static String csvRows(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i).append(",row ").append(i).append('\n');
        }
        return sb.toString();
    }

    private static Map<String, Object> col(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void seedJsonlExampleReadsWholeLines() throws Exception {
        oss.put("seed", "embedding/chunk1.jsonl", "{\"text\":\"hello\",\"id\":1}\n{\"text\":\"wörld\",\"id\":2}\r\n\n"
                + "{\"text\":\"third\"}");
        // the seed's step parameters, unchanged, plus the datasource's keys
        Map<String, Object> p = params("seed", "column", List.of(col("name", "chunk_text", "index", 0, "type", "string")),
                "fieldDelimiter", ",", "encoding", "UTF-8", "fileFormat", "jsonl", "object", List.of("embedding/chunk1.jsonl"));
        assertEquals(List.of(), PluginHarness.validate(new OssReaderFactory(), p));
        PluginHarness.ReadResult r = PluginHarness.read(new OssReaderFactory(), p, 2);
        assertEquals(List.of("chunk_text"), r.schema().names());
        assertEquals(List.of("{\"text\":\"hello\",\"id\":1}", "{\"text\":\"wörld\",\"id\":2}", "{\"text\":\"third\"}"),
                r.records().stream().map(x -> x.get(0)).toList());
        assertEquals(List.of(), r.context().dirty());
    }

    @Test
    void jsonlByKeyConvertsTypesAndReportsBadLines() throws Exception {
        oss.put("bkt", "j/typed.jsonl", "{\"id\":7,\"score\":1.5,\"ok\":true,\"meta\":{\"a\":[1]},\"day\":\"2024-02-03\"}\n"
                + "not json\n{\"id\":\"x\"}\n{\"score\":2}\n");
        Map<String, Object> p = params("bkt", "fileFormat", "jsonl", "object", "j/typed.jsonl", "column", List.of(
                col("name", "id", "type", "long"), col("name", "score", "type", "double"),
                col("name", "ok", "type", "boolean"), col("name", "meta", "type", "json"),
                col("name", "day", "type", "date"), col("value", "v1", "type", "string")));
        PluginHarness.ReadResult r = PluginHarness.read(new OssReaderFactory(), p, 1);
        assertEquals(List.of("id", "score", "ok", "meta", "day", "constant5"), r.schema().names());
        assertEquals(List.of(7L, 1.5, true, "{\"a\":[1]}", LocalDate.of(2024, 2, 3), "v1"),
                List.of(r.records().get(0).get(0), r.records().get(0).get(1), r.records().get(0).get(2),
                        r.records().get(0).get(3), r.records().get(0).get(4), r.records().get(0).get(5)));
        assertEquals(2, r.records().size());
        assertEquals(2.0, r.records().get(1).get("score"));
        assertEquals(null, r.records().get(1).get("id"));
        List<TestPluginContext.DirtyRecord> dirty = r.context().dirty();
        assertEquals(2, dirty.size());
        assertEquals(CommonErrorCode.MALFORMED_RECORD, dirty.get(0).code());
        assertTrue(dirty.get(0).message().contains("object \"j/typed.jsonl\" line 2"), dirty.get(0).message());
        assertEquals(CommonErrorCode.CONVERSION_FAILED, dirty.get(1).code());
        assertTrue(dirty.get(1).message().contains("line 3") && dirty.get(1).message().contains("\"id\""),
                dirty.get(1).message());
    }

    @Test
    void csvWithHeaderQuotesNullsConstantsAndDirtyRows() throws Exception {
        oss.put("bkt", "c/data.csv", "id,name,price,at\n1,\"Smith, J\",9.50,2024-01-02 03:04:05\n"
                + "2,\"multi\nline\",\\N,2024-01-02T00:00:00Z\n3,short\nx,bad,1,2024-01-01 00:00:00\n");
        Map<String, Object> p = params("bkt", "fileFormat", "csv", "object", List.of("c/data.csv"), "skipHeader", "true",
                "nullFormat", "\\N", "column", List.of(col("index", "0", "type", "long"), col("index", 1, "type", "string", "name", "who"),
                        col("index", 2, "type", "decimal"), col("index", 3, "type", "timestamp"),
                        col("value", "2024-05-06", "type", "date", "name", "load_day")));
        PluginHarness.ReadResult r = PluginHarness.read(new OssReaderFactory(), p, 1);
        assertEquals(List.of("col0", "who", "col2", "col3", "load_day"), r.schema().names());
        assertEquals(DataType.DECIMAL, r.schema().field(2).type());
        assertEquals(2, r.records().size());
        Row first = r.records().get(0);
        assertEquals(1L, first.get(0));
        assertEquals("Smith, J", first.get(1));
        assertEquals(new BigDecimal("9.50"), first.get(2));
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"), first.get(3));
        assertEquals(LocalDate.of(2024, 5, 6), first.get(4));
        assertEquals("multi\nline", r.records().get(1).get(1));
        assertEquals(null, r.records().get(1).get(2));
        List<TestPluginContext.DirtyRecord> dirty = r.context().dirty();
        assertEquals(2, dirty.size());
        assertEquals(CommonErrorCode.MALFORMED_RECORD, dirty.get(0).code());
        assertTrue(dirty.get(0).message().contains("line 5") && dirty.get(0).message().contains("2 field(s)"),
                dirty.get(0).message());
        assertEquals("3,short", dirty.get(0).raw());
        assertEquals(CommonErrorCode.CONVERSION_FAILED, dirty.get(1).code());
        assertTrue(dirty.get(1).message().contains("\"x\" is not a long"), dirty.get(1).message());
    }

    @Test
    void wildcardsListWithPaginationAndMatch() throws Exception {
        for (int i = 0; i < 7; i++) {
            oss.put("wild", "logs/2024/part-" + i + ".txt", "a" + i + "\tb" + i + "\n");
        }
        oss.put("wild", "logs/2024/other.txt", "no\tno\n");
        oss.put("wild", "logs/x1.txt", "x\t1\n");
        oss.put("wild", "logs/x22.txt", "x\t22\n");
        oss.pageSize = 3;
        try {
            oss.requests.clear();
            Map<String, Object> p = params("wild", "fileFormat", "text", "fieldDelimiter", "\\t",
                    "object", List.of("logs/*/part-*.txt", "logs/x?.txt", "logs/2024/part-1.txt"),
                    "column", List.of(col("index", 1, "type", "string")));
            PluginHarness.ReadResult r = PluginHarness.read(new OssReaderFactory(), p, 2);
            assertEquals(8, r.splits().size(), "one split per object, duplicates once");
            Set<Object> values = new HashSet<>();
            r.records().forEach(x -> values.add(x.get(0)));
            assertEquals(Set.of("b0", "b1", "b2", "b3", "b4", "b5", "b6", "1"), values);
            assertTrue(oss.requests.stream().anyMatch(q -> q.contains("continuation-token=")), oss.requests.toString());
            assertTrue(oss.requests.stream().anyMatch(q -> q.contains("prefix=logs%2F")), oss.requests.toString());
            assertEquals(r.splits().get(0).estimatedBytes(), "a0\tb0\n".length());
        } finally {
            oss.pageSize = 1000;
        }
    }

    @Test
    void readsGzipBzip2AndZip() throws Exception {
        String text = "1|one\n2|two\n";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream bz = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream out = new BZip2CompressorOutputStream(bz)) {
            out.write("3|three\n".getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            for (String[] e : new String[][] {{"a.txt", "4|four\n5|five"}, {"b.txt", "6|six\n"}}) {
                out.putArchiveEntry(new ZipArchiveEntry(e[0]));
                out.write(e[1].getBytes(StandardCharsets.UTF_8));
                out.closeArchiveEntry();
            }
        }
        oss.put("zips", "d.gz", gz.toByteArray());
        oss.put("zips", "d.bz2", bz.toByteArray());
        oss.put("zips", "d.zip", zip.toByteArray());
        List<Object> cols = List.of(col("index", 0, "type", "long"), col("index", 1, "type", "string"));
        List<Object> got = new ArrayList<>();
        for (String[] c : new String[][] {{"d.gz", "gzip"}, {"d.bz2", "bzip2"}, {"d.zip", "zip"}}) {
            PluginHarness.ReadResult r = PluginHarness.read(new OssReaderFactory(), params("zips", "fileFormat", "text",
                    "fieldDelimiter", "|", "object", c[0], "compress", c[1], "column", cols), 1);
            r.records().forEach(x -> got.add(x.get(1)));
            assertEquals(List.of(), r.context().dirty());
        }
        assertEquals(List.of("one", "two", "three", "four", "five", "six"), got);
        // decompressed data much larger than the object: every line is read
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(big)) {
            for (int i = 0; i < 50000; i++) {
                out.write((i + "|same text again and again\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        oss.put("zips", "big.gz", big.toByteArray());
        PluginHarness.ReadResult r = PluginHarness.read(new OssReaderFactory(), params("zips", "fileFormat", "text",
                "fieldDelimiter", "|", "object", "big.gz", "compress", "gzip", "column", cols), 4);
        assertEquals(50000, r.records().size());
        assertEquals(49999L, r.records().get(49999).get(0));
    }

    @Test
    void corruptGzipFailsNamingTheObject() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            for (int i = 0; i < 20000; i++) {
                out.write(("line " + i + " with some text " + (i * 31) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = gz.toByteArray();
        byte[] corrupt = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        oss.put("zips", "broken.gz", corrupt);
        oss.put("zips", "notgzip.gz", "plain text\n");
        for (String key : List.of("broken.gz", "notgzip.gz")) {
            PluginException e = assertThrows(PluginException.class, () -> PluginHarness.read(new OssReaderFactory(),
                    params("zips", "fileFormat", "jsonl", "object", key, "compress", "gzip"), 1), key);
            assertEquals(OssErrorCode.CORRUPT_OBJECT, e.errorCode());
            assertTrue(e.getMessage().contains("object \"" + key + "\" is not a valid gzip stream"), e.getMessage());
        }
    }

    @Test
    void linesThatDoNotDecodeAreDirty() throws Exception {
        Charset gbk = Charset.forName("GBK");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("1,中文\n".getBytes(gbk));
        b.write(new byte[] {'2', ',', (byte) 0x81, '\n'});
        b.write("3,ok\n".getBytes(gbk));
        oss.put("enc", "gbk.csv", b.toByteArray());
        oss.put("enc", "utf8.csv", new byte[] {'1', ',', (byte) 0xC3, (byte) 0x28, '\n', '2', ',', 'o', 'k', '\n'});
        List<Object> cols = List.of(col("index", 0, "type", "long"), col("index", 1, "type", "string"));
        PluginHarness.ReadResult r = PluginHarness.read(new OssReaderFactory(),
                params("enc", "object", "gbk.csv", "encoding", "GBK", "column", cols), 1);
        assertEquals(List.of("中文", "ok"), r.records().stream().map(x -> x.get(1)).toList());
        assertEquals(1, r.context().dirty().size());
        assertTrue(r.context().dirty().get(0).message().contains("object \"gbk.csv\" line 2: the line is not valid GBK"),
                r.context().dirty().get(0).message());
        r = PluginHarness.read(new OssReaderFactory(), params("enc", "object", "utf8.csv", "column", cols), 1);
        assertEquals(List.of("ok"), r.records().stream().map(x -> x.get(1)).toList());
        assertTrue(r.context().dirty().get(0).message().contains("line 1: the line is not valid UTF-8"));
    }

    @Test
    void missingObjectBucketAndDeniedAccessGiveClearErrors() {
        oss.put("bkt", "present.jsonl", "{}\n");
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.read(new OssReaderFactory(),
                params("bkt", "fileFormat", "jsonl", "object", "absent.jsonl"), 1));
        assertEquals(OssErrorCode.OBJECT_NOT_FOUND, e.errorCode());
        assertTrue(e.getMessage().contains("object \"absent.jsonl\" does not exist in bucket \"bkt\""), e.getMessage());
        e = assertThrows(PluginException.class, () -> PluginHarness.read(new OssReaderFactory(),
                params("bkt", "fileFormat", "jsonl", "object", "nothing/*.jsonl"), 1));
        assertEquals(OssErrorCode.OBJECT_NOT_FOUND, e.errorCode());
        assertTrue(e.getMessage().contains("no object in bucket \"bkt\" matches \"nothing/*.jsonl\""), e.getMessage());
        e = assertThrows(PluginException.class, () -> PluginHarness.read(new OssReaderFactory(),
                params("nobucket", "fileFormat", "jsonl", "object", "x/*"), 1));
        assertEquals(OssErrorCode.BUCKET_NOT_FOUND, e.errorCode());
        assertTrue(e.getMessage().contains("bucket \"nobucket\" does not exist"), e.getMessage());
        oss.deniedAccessId = "LTAIdemoId";
        try {
            for (String object : List.of("present.jsonl", "p*")) {
                e = assertThrows(PluginException.class, () -> PluginHarness.read(new OssReaderFactory(),
                        params("bkt", "fileFormat", "jsonl", "object", object), 1));
                assertEquals(OssErrorCode.ACCESS_DENIED, e.errorCode(), e.getMessage());
                assertTrue(e.getMessage().contains("OSS refused access"), e.getMessage());
                assertFalse(e.getMessage().contains(SECRET), e.getMessage());
            }
        } finally {
            oss.deniedAccessId = null;
        }
    }

    @Test
    void objectsLargerThanSplitSizeAreCutWhateverTheParallelism() throws Exception {
        StringBuilder sb = new StringBuilder("header\r\n");
        for (int i = 0; i < 700; i++) {
            sb.append(i).append(",é").append("y".repeat(i % 17)).append(i % 2 == 0 ? "\r\n" : "\n");
        }
        sb.append("700,last line without newline");
        oss.put("rng", "split.csv", sb.toString());
        PluginHarness.ReadResult r = PluginHarness.read(new OssReaderFactory(), params("rng", "fileFormat", "text",
                "object", "split.csv", "skipHeader", true, "splitSize", 333,
                "column", List.of(col("index", 0, "type", "long"), col("index", 1))), 1);
        assertTrue(r.splits().size() > 10, r.splits().toString());
        assertEquals(java.util.stream.LongStream.rangeClosed(0, 700).boxed().toList(),
                r.records().stream().map(x -> x.get(0)).toList());
        assertEquals("last line without newline", r.records().get(700).get(1));
        assertEquals("éyyy", r.records().get(3).get(1));
        assertEquals(List.of(), r.context().dirty());
        PluginHarness.ReadResult csv = PluginHarness.read(new OssReaderFactory(), params("rng", "fileFormat", "csv",
                "object", "split.csv", "splitSize", 333, "column", List.of(col("index", 0))), 1);
        assertEquals(1, csv.splits().size(), "csv objects are not cut: quoted fields may span lines");
    }

    @Test
    void largeObjectIsCutIntoLineAlignedRangesReadExactlyOnce() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            sb.append("{\"n\":").append(i).append(",\"pad\":\"").append("x".repeat(i % 37)).append("\"}\n");
        }
        oss.put("rng", "big.jsonl", sb.toString());
        oss.requests.clear();
        PluginHarness.ReadResult r = PluginHarness.read(new OssReaderFactory(4096),
                params("rng", "fileFormat", "jsonl", "object", "big.jsonl", "column",
                        List.of(col("name", "n", "type", "long"))), 8);
        assertEquals(8, r.splits().size());
        long covered = r.splits().stream().mapToLong(s -> s.estimatedBytes()).sum();
        assertEquals(sb.length(), covered);
        List<Long> ns = r.records().stream().map(x -> (Long) x.get(0)).sorted().toList();
        assertEquals(5000, ns.size());
        for (int i = 0; i < 5000; i++) {
            assertEquals(i, ns.get(i));
        }
        assertTrue(oss.requests.stream().filter(q -> q.contains("Range:bytes=")).count() >= 7, oss.requests.toString());

        // the same ranges, encoded in one reader and decoded in another, read the same rows
        PluginHarness.ReadResult decoded = PluginHarness.readThroughCodec(new OssReaderFactory(4096),
                params("rng", "fileFormat", "jsonl", "object", "big.jsonl", "column",
                        List.of(col("name", "n", "type", "long"))), 8);
        assertEquals(r.splits(), decoded.splits());
        assertEquals(r.records(), decoded.records());
    }

    @Test
    void brokenDownloadResumesWithRange() throws Exception {
        oss.put("rng", "cut.csv", csvRows(20000));
        oss.cutOnce.put("cut.csv", 100_000L);
        oss.requests.clear();
        PluginHarness.ReadResult r = PluginHarness.read(new OssReaderFactory(),
                params("rng", "object", "cut.csv", "column", List.of(col("index", 0, "type", "long"))), 1);
        assertEquals(20000, r.records().size());
        assertEquals(19999L, r.records().get(19999).get(0));
        assertEquals(1, r.context().counter("retries"));
        assertTrue(oss.requests.stream().anyMatch(q -> q.contains("GET /rng/cut.csv") && q.contains("Range:bytes=100000-")),
                oss.requests.toString());
    }

    @Test
    void anInterruptedReaderDoesNotResumeAndKeepsTheInterrupt() throws Exception {
        oss.put("rng", "cut2.csv", csvRows(20000));
        oss.cutOnce.put("cut2.csv", 100_000L);
        oss.requests.clear();
        OssReaderFactory factory = new OssReaderFactory();
        var params = params("rng", "object", "cut2.csv", "column", List.of(col("index", 0, "type", "long")));
        var ctx = new io.vectorsync.testkit.TestPluginContext("ossReader");
        List<Object> read = new java.util.ArrayList<>();
        try (var reader = factory.create(PluginHarness.bind(factory, params), ctx);
             var split = reader.open(reader.planSplits(1).get(0))) {
            PluginException e = assertThrows(PluginException.class, () -> {
                while (split.poll(row -> {
                    read.add(row.get(0));
                    if (read.size() == 1000) {
                        Thread.currentThread().interrupt(); // as the core does when the job stops
                    }
                }) != io.vectorsync.api.reader.PollStatus.END) {
                    // poll until the cut connection fails
                }
            });
            assertTrue(Thread.interrupted(), "the interrupt status is kept");
            assertTrue(e.getMessage().contains("interrupted while waiting to resume cut2.csv"), e.getMessage());
            assertEquals(io.vectorsync.api.error.CommonErrorCode.CANCELLED, e.errorCode());
        } finally {
            Thread.interrupted();
        }
        assertTrue(read.size() < 20000);
        assertTrue(oss.requests.stream().noneMatch(q -> q.contains("Range:bytes=")), oss.requests.toString());
    }

    @Test
    void invalidColumnsAreConfigErrors() {
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.read(new OssReaderFactory(),
                params("bkt", "fileFormat", "csv", "object", "a.csv"), 1));
        assertTrue(e.getMessage().startsWith("\"column\""), e.getMessage());
        e = assertThrows(PluginException.class, () -> PluginHarness.read(new OssReaderFactory(),
                params("bkt", "fileFormat", "jsonl", "object", "a", "column", List.of(col("index", 2))), 1));
        assertTrue(e.getMessage().contains("column[0].index"), e.getMessage());
        e = assertThrows(PluginException.class, () -> PluginHarness.read(new OssReaderFactory(),
                params("bkt", "fileFormat", "csv", "object", "a", "column", List.of(col("name", "a"),
                        col("index", 1, "value", "x"), col("index", 2, "name", "b"), col("index", 3, "name", "b"))), 1));
        assertEquals("\"column[0]\": needs an index (0-based field position) or a constant value; \"column[1]\": give"
                + " either index or value, not both; \"column[3].name\": duplicate field name \"b\"", e.getMessage());
        List<ConfigIssue> columnIssues = PluginHarness.validate(new OssReaderFactory(), params("bkt", "object", "a",
                "column", List.of(col("index", 0, "type", "vector"), col("index", -1, "format", "yyyy'"), "x", 7)));
        assertEquals(List.of("column[0].type", "column[1].index", "column[1].format"),
                columnIssues.stream().map(ConfigIssue::key).toList());
        List<ConfigIssue> issues = PluginHarness.validate(new OssReaderFactory(),
                params("bkt", "object", "a", "compress", "lzo", "fileFromat", "csv"));
        assertEquals(2, issues.size(), issues.toString());
        assertTrue(issues.toString().contains("did you mean \"fileFormat\""), issues.toString());
    }
}
