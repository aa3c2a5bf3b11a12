package io.vectorsync.reader.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.testkit.PluginHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.CompressionKind;
import org.apache.orc.OrcFile;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fileFormat: parquet | orc} against the OSS loopback fake, with files written by parquet-hadoop and
 * orc-core: the values arrive, and the reader fetched only byte ranges (column chunks, stripes, footers), never
 * whole objects.
 */
class OssColumnarTest {
    private static final int ROWS = 20_000;
    private static final String PARQUET_SCHEMA = "message doc { required int64 id; required binary text (STRING);"
            + " required double score; }";
    @AutoClose
    private static FakeOssServer oss;
    private static long parquetSize;
    private static long orcSize;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        oss = new FakeOssServer();
        oss.bucket("lake");
        Path parquet = dir.resolve("a.parquet");
        writeParquet(parquet);
        oss.putFile("lake", "warehouse/docs/part-0.parquet", parquet);
        Path orc = dir.resolve("a.orc");
        writeOrc(orc);
        oss.putFile("lake", "warehouse/orc/part-0.orc", orc);
        parquetSize = Files.size(parquet);
        orcSize = Files.size(orc);
    }

    /** A text that does not compress or dictionary-encode away: the big column the reader should skip. */
    private static String text(int r) {
        return ("row " + r + " " + Integer.toHexString(r * 0x9E3779B1)).repeat(6);
    }

    private static void writeParquet(Path file) throws IOException {
        MessageType type = MessageTypeParser.parseMessageType(PARQUET_SCHEMA);
        SimpleGroupFactory groups = new SimpleGroupFactory(type);
        Configuration conf = new Configuration();
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(
                        new org.apache.hadoop.fs.Path(file.toUri()), conf)).withConf(conf).withType(type)
                .withDictionaryEncoding(false).withCompressionCodec(CompressionCodecName.UNCOMPRESSED).build()) {
            for (int r = 0; r < ROWS; r++) {
                w.write(groups.newGroup().append("id", (long) r).append("text", text(r)).append("score", r * 0.5));
            }
        }
    }

    private static void writeOrc(Path file) throws IOException {
        TypeDescription schema = TypeDescription.fromString("struct<id:bigint,text:string,score:double>");
        Configuration conf = new Configuration();
        try (Writer w = OrcFile.createWriter(new org.apache.hadoop.fs.Path(file.toUri()), OrcFile.writerOptions(conf)
                .setSchema(schema).compress(CompressionKind.NONE))) {
            VectorizedRowBatch b = schema.createRowBatch(1024);
            for (int r = 0; r < ROWS; r++) {
                int i = b.size++;
                ((LongColumnVector) b.cols[0]).vector[i] = r;
                ((BytesColumnVector) b.cols[1]).setVal(i, text(r).getBytes(StandardCharsets.UTF_8));
                ((DoubleColumnVector) b.cols[2]).vector[i] = r * 0.5;
                if (b.size == b.getMaxSize()) {
                    w.addRowBatch(b);
                    b.reset();
                }
            }
            if (b.size > 0) {
                w.addRowBatch(b);
            }
        }
    }

    private static Map<String, Object> params(Object... kv) {
        return oss.params("lake", kv);
    }

    /** Bytes fetched from {@code key} by ranged GETs; fails if any GET of it had no Range header. */
    private static long rangedBytes(String key) {
        long total = 0;
        Pattern range = Pattern.compile(" Range:bytes=(\\d+)-(\\d+)$");
        for (String r : oss.requests) {
            if (r.startsWith("GET /lake/" + key)) {
                Matcher m = range.matcher(r);
                assertTrue(m.find(), "a GET without Range downloaded the whole object: " + r);
                total += Long.parseLong(m.group(2)) - Long.parseLong(m.group(1)) + 1;
            }
        }
        return total;
    }

    @Test
    void parquetReadsTheNeededColumnChunksWithRangedGets() throws Exception {
        oss.requests.clear();
        // DataWorks spells the objects "path" for parquet and gives the message schema
        PluginHarness.ReadResult r = PluginHarness.read(new OssReaderFactory(), params("fileFormat", "parquet",
                "path", List.of("warehouse/docs/*.parquet"), "parquetSchema", PARQUET_SCHEMA, "column", List.of(
                        Map.of("index", 0, "type", "long"), Map.of("index", 2, "type", "double", "name", "score"),
                        Map.of("value", "lake", "type", "string"))), 2);
        assertEquals(List.of("col0", "score", "constant2"), r.schema().names());
        assertEquals(ROWS, r.records().size());
        assertEquals(List.of(12_345L, 6172.5, "lake"), List.of(r.records().get(12_345).get(0),
                r.records().get(12_345).get(1), r.records().get(12_345).get(2)));
        long fetched = rangedBytes("warehouse/docs/part-0.parquet");
        assertTrue(fetched > 0 && fetched < parquetSize / 2, "fetched " + fetched + " of " + parquetSize
                + " bytes: the text column chunk should not be downloaded");
    }

    @Test
    void orcReadsTheNeededStreamsWithRangedGetsAndStarTakesTheFooterSchema() throws Exception {
        oss.requests.clear();
        PluginHarness.ReadResult r = PluginHarness.read(new OssReaderFactory(), params("fileFormat", "orc",
                "path", List.of("warehouse/orc/part-0.orc"), "column", List.of(Map.of("index", 0, "type", "long"))),
                1);
        assertEquals(ROWS, r.records().size());
        assertEquals(19_999L, r.records().get(19_999).get(0));
        long fetched = rangedBytes("warehouse/orc/part-0.orc");
        assertTrue(fetched > 0 && fetched < orcSize / 2, "fetched " + fetched + " of " + orcSize + " bytes");

        PluginHarness.ReadResult all = PluginHarness.read(new OssReaderFactory(), params("fileFormat", "orc",
                "object", List.of("warehouse/orc/part-0.orc"), "column", List.of("*")), 1);
        assertEquals(List.of("id", "text", "score"), all.schema().names());
        assertEquals(DataType.FLOAT64, all.schema().field(2).type());
        assertEquals(text(7), all.records().get(7).get(1));
    }

    @Test
    void aBadParquetSchemaNoObjectsOrCompressAreConfigErrors() {
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.read(new OssReaderFactory(),
                params("fileFormat", "parquet", "path", List.of("warehouse/docs/part-0.parquet"), "parquetSchema",
                        "message {", "column", List.of("*")), 1));
        assertTrue(e.getMessage().startsWith("\"parquetSchema\""), e.getMessage());
        e = assertThrows(PluginException.class, () -> PluginHarness.read(new OssReaderFactory(),
                params("fileFormat", "parquet", "column", List.of("*")), 1));
        assertTrue(e.getMessage().contains("\"path\""), e.getMessage());
        e = assertThrows(PluginException.class, () -> PluginHarness.read(new OssReaderFactory(),
                params("fileFormat", "orc", "path", List.of("warehouse/orc/part-0.orc"), "compress", "gzip",
                        "column", List.of("*")), 1));
        assertTrue(e.getMessage().startsWith("\"compress\""), e.getMessage());
    }
}
