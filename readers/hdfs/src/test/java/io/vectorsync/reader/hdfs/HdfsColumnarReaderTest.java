package io.vectorsync.reader.hdfs;

import io.vectorsync.reader.format.FormatErrorCode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ListColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.MapColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HdfsColumnarReaderTest {
    private static MiniHdfs hdfs;

    @BeforeAll
    static void start() throws IOException {
        hdfs = MiniHdfs.get();
    }

    private static final String ORC_TYPE = "struct<id:bigint,name:string,score:double,ok:boolean,day:date,"
            + "ts:timestamp,price:decimal(10,2),emb:array<float>,attrs:map<string,int>>";

    private static void writeOrc(String path, int rows) throws IOException {
        TypeDescription schema = TypeDescription.fromString(ORC_TYPE);
        Configuration conf = new Configuration(hdfs.fs().getConf());
        try (Writer w = OrcFile.createWriter(new Path(path), OrcFile.writerOptions(conf).setSchema(schema)
                .fileSystem(hdfs.fs()).useUTCTimestamp(true))) {
            VectorizedRowBatch b = schema.createRowBatch();
            ListColumnVector emb = (ListColumnVector) b.cols[7];
            DoubleColumnVector embValues = (DoubleColumnVector) emb.child;
            MapColumnVector attrs = (MapColumnVector) b.cols[8];
            emb.child.ensureSize(rows * 3, false);
            attrs.keys.ensureSize(rows, false);
            attrs.values.ensureSize(rows, false);
            for (int r = 0; r < rows; r++) {
                ((LongColumnVector) b.cols[0]).vector[r] = r;
                if (r == 1) {
                    b.cols[1].noNulls = false;
                    b.cols[1].isNull[r] = true;
                } else {
                    ((BytesColumnVector) b.cols[1]).setVal(r, ("name-" + r).getBytes(StandardCharsets.UTF_8));
                }
                ((DoubleColumnVector) b.cols[2]).vector[r] = r + 0.25;
                ((LongColumnVector) b.cols[3]).vector[r] = r % 2;
                ((LongColumnVector) b.cols[4]).vector[r] = LocalDate.of(2024, 1, 1).plusDays(r).toEpochDay();
                ((TimestampColumnVector) b.cols[5]).set(r, Timestamp.from(Instant.parse("2024-01-01T00:00:00Z")
                        .plusSeconds(r * 3600L).plusMillis(123)));
                ((DecimalColumnVector) b.cols[6]).set(r, HiveDecimal.create(new BigDecimal(r + ".50")));
                emb.offsets[r] = r * 3L;
                emb.lengths[r] = 3;
                for (int i = 0; i < 3; i++) {
                    embValues.vector[r * 3 + i] = (float) (r + i * 0.1);
                }
                attrs.offsets[r] = r;
                attrs.lengths[r] = 1;
                ((BytesColumnVector) attrs.keys).setVal(r, ("k" + r).getBytes(StandardCharsets.UTF_8));
                ((LongColumnVector) attrs.values).vector[r] = r * 10L;
                emb.childCount = (r + 1) * 3;
                attrs.childCount = r + 1;
            }
            b.size = rows;
            w.addRowBatch(b);
        }
    }

    @Test
    void orcWithStarUsesTheFileSchemaAndTypes() throws Exception {
        writeOrc("/orc/all/a.orc", 3);
        PluginHarness.ReadResult r = MiniHdfs.read(hdfs.params("/orc/all/a.orc", "orc", List.of("*")));
        assertEquals(Schema.builder().field("id", DataType.INT64).field("name", DataType.STRING)
                .field("score", DataType.FLOAT64).field("ok", DataType.BOOLEAN).field("day", DataType.DATE)
                .field("ts", DataType.TIMESTAMP).field("price", DataType.DECIMAL)
                .field("emb", DataType.array(DataType.FLOAT64)).field("attrs", DataType.JSON).build(), r.schema());
        assertEquals(3, r.records().size());
        assertEquals(Row.of(r.schema(), 1L, null, 1.25, true, LocalDate.of(2024, 1, 2),
                Instant.parse("2024-01-01T01:00:00.123Z"), new BigDecimal("1.50"), List.of(1.0, 1.1, 1.2),
                "{\"k1\":10}"), r.records().get(1));
        assertEquals("name-2", r.records().get(2).get("name"));
        assertEquals(List.of(), r.context().dirty());
    }

    @Test
    void orcByIndexProjectsConvertsAndReportsConversionFailures() throws Exception {
        writeOrc("/orc/idx/a.orc", 3);
        PluginHarness.ReadResult r = MiniHdfs.read(hdfs.params("/orc/idx/a.orc", "orc", List.of(
                Map.of("index", 6, "type", "string", "name", "price"),
                Map.of("index", 0, "type", "long"),
                Map.of("index", 1, "type", "long"),
                Map.of("value", "orc", "type", "string"))));
        assertEquals(List.of("price", "col0", "col1", "constant3"), r.schema().names());
        // row 1 has a null name (null converts to null), rows 0 and 2 have "name-N", which is no long
        assertEquals(List.of(Row.of(r.schema(), "1.50", 1L, null, "orc")), r.records());
        List<TestPluginContext.DirtyRecord> dirty = r.context().dirty();
        assertEquals(2, dirty.size());
        assertEquals(CommonErrorCode.CONVERSION_FAILED, dirty.get(0).code());
        assertTrue(dirty.get(0).message().startsWith(hdfs.uri() + "/orc/idx/a.orc row 1, field col1 (index 1): "
                + "cannot convert \"name-0\" to long"), dirty.get(0).message());

        PluginException e = assertThrows(PluginException.class, () -> MiniHdfs.read(hdfs.params("/orc/idx/a.orc", "orc",
                List.of(Map.of("index", 9, "type", "string")))));
        assertEquals(FormatErrorCode.SCHEMA_MISMATCH, e.errorCode());
        assertTrue(e.getMessage().contains("has 9 columns"), e.getMessage());
    }

    @Test
    void aFileThatIsNotOrcIsAClearError() throws Exception {
        hdfs.write("/orc/bad/x.orc", "this is not an orc file\n");
        PluginException e = assertThrows(PluginException.class,
                () -> MiniHdfs.read(hdfs.params("/orc/bad/x.orc", "orc",
                        List.of(Map.of("index", 0, "type", "string")))));
        assertEquals(HdfsErrorCode.READ_FAILED, e.errorCode());
        assertTrue(e.getMessage().contains(hdfs.uri() + "/orc/bad/x.orc as orc"), e.getMessage());
    }

    private static final MessageType PARQUET = MessageTypeParser.parseMessageType("message doc {\n"
            + "  required int64 id;\n"
            + "  optional binary title (STRING);\n"
            + "  optional int32 n (INT_16);\n"
            + "  optional float f;\n"
            + "  optional boolean flag;\n"
            + "  optional int32 day (DATE);\n"
            + "  optional int64 ts (TIMESTAMP(MICROS,true));\n"
            + "  optional fixed_len_byte_array(8) amount (DECIMAL(12,3));\n"
            + "  optional binary raw;\n"
            + "  optional group vec (LIST) { repeated group list { optional float element; } }\n"
            + "  optional group meta { optional binary k (STRING); optional int32 v; }\n"
            + "}");

    private static void writeParquet(String path, int rows) throws IOException {
        Configuration conf = new Configuration(hdfs.fs().getConf());
        SimpleGroupFactory groups = new SimpleGroupFactory(PARQUET);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(new Path(path), conf))
                .withConf(conf).withType(PARQUET).withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
            for (int r = 0; r < rows; r++) {
                Group g = groups.newGroup().append("id", (long) r);
                if (r != 1) {
                    g.append("title", "doc " + r);
                }
                g.append("n", r * 2).append("f", 0.1f * r).append("flag", r % 2 == 0)
                        .append("day", (int) LocalDate.of(2024, 2, 1).plusDays(r).toEpochDay())
                        .append("ts", Instant.parse("2024-02-01T08:00:00Z").getEpochSecond() * 1_000_000L + r)
                        .append("amount", Binary.fromConstantByteArray(java.nio.ByteBuffer.allocate(8)
                                .putLong(12_345L + r).array()))
                        .append("raw", Binary.fromConstantByteArray(new byte[] {1, 2, (byte) r}));
                Group list = g.addGroup("vec");
                for (int i = 0; i < 2; i++) {
                    list.addGroup("list").append("element", r + 0.5f * i);
                }
                g.addGroup("meta").append("k", "key" + r).append("v", r);
                w.write(g);
            }
        }
    }

    @Test
    void parquetWithStarUsesTheFileSchemaAndTypes() throws Exception {
        writeParquet("/parquet/all/a.parquet", 3);
        PluginHarness.ReadResult r = MiniHdfs.read(hdfs.params("/parquet/all", "parquet", List.of("*")));
        assertEquals(Schema.builder().field("id", DataType.INT64).field("title", DataType.STRING)
                .field("n", DataType.INT64).field("f", DataType.FLOAT64).field("flag", DataType.BOOLEAN)
                .field("day", DataType.DATE).field("ts", DataType.TIMESTAMP).field("amount", DataType.DECIMAL)
                .field("raw", DataType.BYTES).field("vec", DataType.array(DataType.FLOAT64))
                .field("meta", DataType.JSON).build(), r.schema());
        assertEquals(3, r.records().size());
        Row one = r.records().get(1);
        assertEquals(1L, one.get("id"));
        assertEquals(null, one.get("title"));
        assertEquals(2L, one.get("n"));
        assertEquals(0.1, one.get("f"));
        assertEquals(false, one.get("flag"));
        assertEquals(LocalDate.of(2024, 2, 2), one.get("day"));
        assertEquals(Instant.parse("2024-02-01T08:00:00.000001Z"), one.get("ts"));
        assertEquals(new BigDecimal("12.346"), one.get("amount"));
        assertArrayEquals(new byte[] {1, 2, 1}, (byte[]) one.get("raw"));
        assertEquals(List.of(1.0, 1.5), one.get("vec"));
        assertEquals("{\"k\":\"key1\",\"v\":1}", one.get("meta"));
        assertEquals("doc 2", r.records().get(2).get("title"));
        assertEquals(List.of(), r.context().dirty());
    }

    @Test
    void parquetByIndexAndSchemaMismatchBetweenFiles() throws Exception {
        writeParquet("/parquet/idx/a.parquet", 2);
        PluginHarness.ReadResult r = MiniHdfs.read(hdfs.params("/parquet/idx/a.parquet", "parquet", List.of(
                Map.of("index", 9, "type", "json", "name", "vec"),
                Map.of("index", 1, "type", "string", "name", "title"),
                Map.of("index", 6, "type", "string"))));
        assertEquals(List.of(Row.of(r.schema(), "[0.0,0.5]", "doc 0", "2024-02-01T08:00:00Z"),
                Row.of(r.schema(), "[1.0,1.5]", null, "2024-02-01T08:00:00.000001Z")), r.records());

        // with ["*"], every file must have the first file's schema
        writeParquet("/parquet/mixed/a.parquet", 1);
        Configuration conf = new Configuration(hdfs.fs().getConf());
        MessageType other = MessageTypeParser.parseMessageType("message doc { required int64 id; }");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(
                new Path("/parquet/mixed/b.parquet"), conf)).withConf(conf).withType(other).build()) {
            w.write(new SimpleGroupFactory(other).newGroup().append("id", 7L));
        }
        PluginException e = assertThrows(PluginException.class,
                () -> MiniHdfs.read(hdfs.params("/parquet/mixed", "parquet", List.of("*"))));
        assertEquals(FormatErrorCode.SCHEMA_MISMATCH, e.errorCode());
        assertTrue(e.getMessage().startsWith(hdfs.uri() + "/parquet/mixed/b.parquet has columns [id int64]"),
                e.getMessage());
    }
}
