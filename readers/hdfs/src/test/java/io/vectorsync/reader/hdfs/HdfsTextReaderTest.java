package io.vectorsync.reader.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.GzipCodec;
import org.apache.hadoop.util.ReflectionUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HdfsTextReaderTest {
    private static MiniHdfs hdfs;
    private final HdfsReaderFactory factory = new HdfsReaderFactory();

    @BeforeAll
    static void start() throws IOException {
        hdfs = MiniHdfs.get();
    }

    private static Map<String, Object> col(int index, String type) {
        return Map.of("index", index, "type", type);
    }

    @Test
    void readsTypedColumnsConstantsAndNullsFromText() throws Exception {
        hdfs.write("/text/typed/part-0", "1\u0001alice\u00013.5\u0001true\u00012024-03-01\u00012024-03-01 10:20:30"
                + "\u000112.50\u0001{\"a\":1}\n"
                + "2\u0001\\N\u0001\u0001false\u0001\\N\u00011700000000000\u0001-1\u0001[]\n");
        Map<String, Object> p = hdfs.params("/text/typed/part-0", "text", List.of(
                col(0, "long"), Map.of("index", "1", "type", "string", "name", "who"), col(2, "double"),
                col(3, "boolean"), col(4, "date"), col(5, "timestamp"), col(6, "decimal"), col(7, "json"),
                Map.of("value", "src-a", "type", "string")));
        p.put("fieldDelimiter", "\\u0001");
        p.put("nullFormat", "\\N");
        PluginHarness.ReadResult r = MiniHdfs.read(p);

        assertEquals(List.of("col0", "who", "col2", "col3", "col4", "col5", "col6", "col7", "constant8"),
                r.schema().names());
        assertEquals(DataType.TIMESTAMP, r.schema().field(5).type());
        assertEquals(List.of(
                Row.of(r.schema(), 1L, "alice", 3.5, true, LocalDate.of(2024, 3, 1),
                        Instant.parse("2024-03-01T10:20:30Z"), new BigDecimal("12.50"), "{\"a\":1}", "src-a"),
                Row.of(r.schema(), 2L, null, null, false, null, Instant.ofEpochMilli(1700000000000L),
                        new BigDecimal("-1"), "[]", "src-a")), r.records());
        assertEquals(List.of(), r.context().dirty());
        assertEquals(1, r.splits().size());
        assertEquals(hdfs.fs().getFileStatus(new Path("/text/typed/part-0")).getLen(), r.splits().get(0).estimatedBytes());
    }

    @Test
    void badLinesBecomeDirtyRecordsNamingFileAndLine() throws Exception {
        byte[] badUtf8 = {'7', ',', (byte) 0xC3, (byte) 0x28, '\n'};
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write("1,one\n2\nthree,3\n4,four\n".getBytes(StandardCharsets.UTF_8));
        content.write(badUtf8);
        content.write("5,five\n".getBytes(StandardCharsets.UTF_8));
        hdfs.write("/text/dirty/a.txt", content.toByteArray());
        PluginHarness.ReadResult r = MiniHdfs.read(hdfs.params("/text/dirty/a.txt", "text",
                List.of(col(0, "long"), col(1, "string"))));

        assertEquals(List.of(1L, 4L, 5L), r.records().stream().map(x -> x.get(0)).toList());
        List<TestPluginContext.DirtyRecord> dirty = r.context().dirty();
        assertEquals(3, dirty.size(), dirty.toString());
        String file = hdfs.uri() + "/text/dirty/a.txt";
        assertEquals(CommonErrorCode.MALFORMED_RECORD, dirty.get(0).code());
        assertEquals(file + " line 2: has 1 fields but column index 1 is read", dirty.get(0).message());
        assertEquals("2", dirty.get(0).raw());
        assertEquals(CommonErrorCode.CONVERSION_FAILED, dirty.get(1).code());
        assertTrue(dirty.get(1).message().startsWith(file + " line 3, field col0 (index 0): cannot convert \"three\" "
                + "to long"), dirty.get(1).message());
        assertEquals(CommonErrorCode.MALFORMED_RECORD, dirty.get(2).code());
        assertTrue(dirty.get(2).message().startsWith(file + " line 5: not valid UTF-8 text"), dirty.get(2).message());
    }

    @Test
    void csvWithHeaderQuotesAndStarTakesNamesFromTheHeader() throws Exception {
        hdfs.write("/csv/h/a.csv", "id,text\n1,\"hello, world\"\n2,\"multi\nline \"\"quoted\"\"\"\n");
        Map<String, Object> p = hdfs.params("/csv/h/a.csv", "csv", List.of("*"));
        p.put("skipHeader", "true");
        PluginHarness.ReadResult r = MiniHdfs.read(p);
        assertEquals(Schema.builder().field("id", DataType.STRING).field("text", DataType.STRING).build(), r.schema());
        assertEquals(List.of(Row.of(r.schema(), "1", "hello, world"),
                Row.of(r.schema(), "2", "multi\nline \"quoted\"")), r.records());
    }

    @Test
    void csvReaderConfigCanTurnQuotesOff() throws Exception {
        hdfs.write("/csv/q/a.csv", "\"a\";b\n");
        Map<String, Object> p = hdfs.params("/csv/q/a.csv", "csv", List.of(col(0, "string"), col(1, "string")));
        p.put("fieldDelimiter", ";");
        p.put("csvReaderConfig", Map.of("useTextQualifier", "false", "safetySwitch", false));
        assertEquals(List.of("\"a\"", "b"), List.of(MiniHdfs.read(p).records().get(0).get(0),
                MiniHdfs.read(p).records().get(0).get(1)));
    }

    @Test
    void csvDefaultsAreDataXsCsvReaderDefaults() throws Exception {
        // javacsv (DataX): whitespace around fields trimmed, kept inside quotes; empty lines skipped
        hdfs.write("/csv/d/a.csv", " a , \" b \" ,c\n\n x ,y,\tz\n");
        List<Object> cols = List.of(col(0, "string"), col(1, "string"), col(2, "string"));
        PluginHarness.ReadResult r = MiniHdfs.read(hdfs.params("/csv/d/a.csv", "csv", cols));
        assertEquals(List.of(List.of("a", " b ", "c"), List.of("x", "y", "z")),
                r.records().stream().map(x -> List.of(x.get(0), x.get(1), x.get(2))).toList());

        Map<String, Object> p = hdfs.params("/csv/d/a.csv", "csv", cols);
        p.put("csvReaderConfig", Map.of("trimWhitespace", false, "skipEmptyRecords", "true"));
        assertEquals(" a ", MiniHdfs.read(p).records().get(0).get(0));

        hdfs.write("/csv/e/a.csv", "\"say \\\"hi\\\"\",2\n");
        p = hdfs.params("/csv/e/a.csv", "csv", List.of(col(0, "string")));
        p.put("csvReaderConfig", Map.of("escapeMode", 2, "caseSensitive", true));
        assertEquals("say \"hi\"", MiniHdfs.read(p).records().get(0).get(0));
    }

    @Test
    void safetySwitchIsOffWithoutCsvReaderConfigAndOnWhenAConfigLeavesItOut() throws Exception {
        String longField = "x".repeat(HdfsTextFormat.SAFETY_SWITCH_LIMIT + 1);
        hdfs.write("/csv/s/a.csv", "1," + longField + "\n");
        List<Object> cols = List.of(col(0, "long"), col(1, "string"));
        assertEquals(longField, MiniHdfs.read(hdfs.params("/csv/s/a.csv", "csv", cols)).records().get(0).get(1));

        Map<String, Object> p = hdfs.params("/csv/s/a.csv", "csv", cols);
        p.put("csvReaderConfig", Map.of("skipEmptyRecords", false));
        PluginException e = assertThrows(PluginException.class, () -> MiniHdfs.read(p));
        assertTrue(e.getMessage().contains("record 1: field 1 has 100001 characters")
                && e.getMessage().contains("\"safetySwitch\": false"), e.getMessage());

        p.put("csvReaderConfig", Map.of("safetySwitch", "false"));
        assertEquals(longField, MiniHdfs.read(p).records().get(0).get(1));
    }

    @Test
    void readsGzipBzip2AndZipByHadoopCodecsAndSuffix() throws Exception {
        String lines = "1,a\n2,b\n";
        hdfs.write("/compressed/x/f1.gz", compress(GzipCodec.class, lines));
        hdfs.write("/compressed/x/f2.bz2", compress(BZip2Codec.class, "3,c\n"));
        hdfs.write("/compressed/x/f3.zip", zip(Map.of("one.csv", "4,d\n", "two.csv", "5,e\n6,f\n")));
        hdfs.write("/compressed/x/_SUCCESS", "");
        hdfs.write("/compressed/x/.hidden", "garbage");
        PluginHarness.ReadResult r = MiniHdfs.read(hdfs.params("/compressed/x", "csv",
                List.of(col(0, "long"), col(1, "string"))));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), r.records().stream().map(x -> x.get(0)).toList());
        assertEquals(3, r.splits().size());
        assertEquals(List.of(), r.context().dirty());

        // explicit compress on a file without a telling suffix
        hdfs.write("/compressed/y/data", compress(GzipCodec.class, lines));
        Map<String, Object> p = hdfs.params("/compressed/y/data", "text", List.of(col(1, "string")));
        p.put("compress", "gzip");
        assertEquals(List.of("a", "b"), MiniHdfs.read(p).records().stream().map(x -> x.get(0)).toList());
    }

    @Test
    void corruptGzipFailsTheJobNamingTheFile() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append(i).append(',').append(Integer.toHexString(i * 7919)).append('\n');
        }
        byte[] good = compress(GzipCodec.class, text.toString());
        byte[] broken = java.util.Arrays.copyOf(good, good.length);
        for (int i = good.length / 2; i < good.length / 2 + 40; i++) {
            broken[i] ^= 0x5A;
        }
        hdfs.write("/compressed/bad/f.gz", broken);
        PluginException e = assertThrows(PluginException.class,
                () -> MiniHdfs.read(hdfs.params("/compressed/bad/f.gz", "text", List.of(col(0, "long")))));
        assertEquals(HdfsErrorCode.READ_FAILED, e.errorCode());
        assertTrue(e.getMessage().contains(hdfs.uri() + "/compressed/bad/f.gz"), e.getMessage());
    }

    @Test
    void globsListSplitsPerFileAndAnEmptyMatchIsAnErrorNamingThePath() throws Exception {
        hdfs.write("/glob/dt=1/a.txt", "a\n");
        hdfs.write("/glob/dt=2/b.txt", "b\nbb\n");
        hdfs.write("/glob/dt=3/c.log", "c\n");
        PluginHarness.ReadResult r = MiniHdfs.read(hdfs.params("/glob/dt=*/*.txt", "text", List.of(col(0, "string"))));
        assertEquals(List.of("a", "b", "bb"), r.records().stream().map(x -> x.get(0)).toList());
        List<String> ids = r.splits().stream().map(Split::id).toList();
        assertEquals(List.of(hdfs.uri() + "/glob/dt=1/a.txt", hdfs.uri() + "/glob/dt=2/b.txt"), ids);
        assertEquals(List.of(2L, 5L), r.splits().stream().map(Split::estimatedBytes).toList());

        PluginException e = assertThrows(PluginException.class,
                () -> MiniHdfs.read(hdfs.params(List.of("/glob/dt=1/a.txt", "/glob/nothing-*.txt"), "text",
                        List.of(col(0, "string")))));
        assertEquals(HdfsErrorCode.PATH_NOT_FOUND, e.errorCode());
        assertTrue(e.getMessage().contains("\"path\" /glob/nothing-*.txt matches no file"), e.getMessage());

        Map<String, Object> ok = hdfs.params("/glob/nothing-*.txt", "text", List.of(col(0, "string")));
        ok.put("successOnNoFile", true);
        assertEquals(0, MiniHdfs.read(ok).records().size());
    }

    @Test
    void hadoopConfigIsPassedToTheClientForHaNameservices() throws Exception {
        hdfs.write("/ha/a.txt", "x\n");
        Map<String, Object> p = hdfs.params("/ha/a.txt", "text", List.of(col(0, "string")));
        p.put("defaultFS", "hdfs://vsns");
        p.put("hadoopConfig", Map.of(
                "dfs.nameservices", "vsns",
                "dfs.ha.namenodes.vsns", "nn1",
                "dfs.namenode.rpc-address.vsns.nn1", "127.0.0.1:" + hdfs.port(),
                "dfs.client.failover.proxy.provider.vsns",
                "org.apache.hadoop.hdfs.server.namenode.ha.ConfiguredFailoverProxyProvider"));
        PluginHarness.ReadResult r = MiniHdfs.read(p);
        assertEquals(List.of("x"), r.records().stream().map(x -> x.get(0)).toList());
        assertEquals("hdfs://vsns/ha/a.txt", r.splits().get(0).id());

        Map<String, Object> without = hdfs.params("/ha/a.txt", "text", List.of(col(0, "string")));
        without.put("defaultFS", "hdfs://vsns");
        without.put("hadoopConfig", Map.of("ipc.client.connect.max.retries.on.timeouts", "0",
                "ipc.client.connect.max.retries", "0"));
        PluginException e = assertThrows(PluginException.class, () -> MiniHdfs.read(without));
        assertEquals(HdfsErrorCode.CONNECT_FAILED, e.errorCode());
        assertTrue(e.getMessage().contains("hdfs://vsns"), e.getMessage());
    }

    @Test
    void configErrorsNameTheParameter() {
        var issues = PluginHarness.validate(factory, hdfs.params("/a", "text", List.of(
                Map.of("index", 0, "type", "vector"), Map.of("index", -2), Map.of("index", 1, "format", "yyyy'"))));
        assertEquals(List.of("column[0].type", "column[1].index", "column[2].format"),
                issues.stream().map(i -> i.key()).toList());
        assertTrue(issues.get(0).message().startsWith("is not a type files can be read as"), issues.toString());
        assertConfigError(hdfs.params("/a", "text", List.of(Map.of("index", 0, "value", "x"), Map.of("type", "long"),
                        Map.of("index", 1, "name", "col0"))),
                "\"column[0]\": give exactly one of \"index\" (a position in the row) and \"value\" (a constant);"
                        + " \"column[1]\": give exactly one of");
        assertTrue(PluginHarness.validate(factory, hdfs.params("/a", "text", List.of(Map.of("index", 0, "value", "x"),
                Map.of("index", 0, "name", "col0")))).isEmpty());
        assertConfigError(hdfs.params("/a", "text", List.of(Map.of("index", 0), Map.of("index", 1, "name", "col0"))),
                "\"column[1].name\": field name \"col0\" is used twice");
        assertConfigError(hdfs.params("/a", "text", List.of(Map.of("value", "abc", "type", "long"))),
                "\"column[0].value\"");
        Map<String, Object> noFs = hdfs.params("/a", "text", List.of("*"));
        noFs.remove("defaultFS");
        assertConfigError(noFs, "\"defaultFS\"");
        Map<String, Object> kerberos = hdfs.params("/a", "text", List.of("*"));
        kerberos.put("haveKerberos", "true");
        kerberos.put("kerberosKeytabFilePath", "/etc/vsync.keytab");
        assertConfigError(kerberos, "\"kerberosPrincipal\"");
        Map<String, Object> csvDelimiter = hdfs.params("/a", "csv", List.of("*"));
        csvDelimiter.put("fieldDelimiter", "||");
        assertConfigError(csvDelimiter, "\"fieldDelimiter\"");
        Map<String, Object> compress = hdfs.params("/a", "text", List.of("*"));
        compress.put("compress", "rar");
        assertTrue(PluginHarness.validate(factory, compress).toString().contains("compress"));
    }

    private void assertConfigError(Map<String, Object> params, String naming) {
        PluginException e = assertThrows(PluginException.class,
                () -> factory.create(PluginHarness.bind(factory, params), new TestPluginContext("hdfsReader")));
        assertEquals(CommonErrorCode.CONFIG_INVALID, e.errorCode());
        assertTrue(e.getMessage().startsWith(naming), e.getMessage());
    }

    private static byte[] compress(Class<? extends CompressionCodec> type, String text) throws IOException {
        CompressionCodec codec = ReflectionUtils.newInstance(type, new Configuration());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = codec.createOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : new java.util.TreeSet<>(entries.keySet())) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(entries.get(name).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
