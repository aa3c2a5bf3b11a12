package io.vectorsync.reader.hdfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitCodec;
import io.vectorsync.api.record.Row;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Large text/csv files cut into line-aligned byte ranges, and splits through the codec. */
class HdfsSplitTest {
    private static MiniHdfs hdfs;
    private final HdfsReaderFactory factory = new HdfsReaderFactory();

    @BeforeAll
    static void start() throws IOException {
        hdfs = MiniHdfs.get();
    }

    private Map<String, Object> params(String path, String fileType, Object... more) {
        Map<String, Object> p = hdfs.params(path, fileType, List.of("*"));
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    /** A header, lines of varying length with some CRLF and multi-byte text, no newline after the last. */
    private static String lines(int n) {
        StringBuilder sb = new StringBuilder("id,text\n");
        for (int i = 0; i < n; i++) {
            sb.append(i).append(',').append("ü".repeat(i % 4)).append("y".repeat(i % 11));
            if (i < n - 1) {
                sb.append(i % 3 == 0 ? "\r\n" : "\n");
            }
        }
        return sb.toString();
    }

    private static List<Object> column(List<Row> rows, int i) {
        return rows.stream().map(r -> r.get(i)).toList();
    }

    @Test
    void everyLineIsReadExactlyOnceWhateverTheRangeSize() throws Exception {
        hdfs.write("/split/lines.txt", lines(150));
        for (String type : List.of("text", "csv")) {
            List<Row> whole = PluginHarness.read(factory, params("/split/lines.txt", type, "skipHeader", true), 1)
                    .records();
            assertEquals(150, whole.size());
            for (long size : List.of(1L, 9L, 64L, 300L)) {
                var r = PluginHarness.read(factory, params("/split/lines.txt", type, "skipHeader", true,
                        "splitSize", size), 1);
                assertTrue(r.splits().size() > 1, type + " split size " + size);
                assertEquals(column(whole, 0), column(r.records(), 0), type + " split size " + size);
                assertEquals(column(whole, 1), column(r.records(), 1), type + " split size " + size);
                assertEquals(List.of(), r.context().dirty());
            }
        }
    }

    @Test
    void quotedLineBreaksInCsvAreNeverCut() throws Exception {
        StringBuilder sb = new StringBuilder();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String text = i % 3 == 0 ? "two\nlines \"\"q\"\" " + i : "one " + i;
            texts.add(text.replace("\"\"", "\""));
            sb.append(i).append(",\"").append(text).append("\"\n");
        }
        hdfs.write("/split/quoted.csv", sb.toString());
        for (long size : List.of(4L, 30L)) {
            var r = PluginHarness.read(factory, params("/split/quoted.csv", "csv", "splitSize", size), 1);
            assertTrue(r.splits().size() > 3);
            assertEquals(texts, column(r.records(), 1), "split size " + size);
        }
    }

    @Test
    void compressedFilesStayOneSplit() throws Exception {
        hdfs.write("/split/c.txt.gz", gzip("a\nb\nc\n".repeat(40)));
        var r = PluginHarness.read(factory, params("/split/c.txt.gz", "text", "splitSize", 4), 1);
        assertEquals(1, r.splits().size());
        assertEquals(120, r.records().size());
    }

    @Test
    void decodedSplitsReadTheSameRowsInAnotherReader() throws Exception {
        hdfs.write("/split/codec.txt", lines(90));
        Map<String, Object> p = params("/split/codec.txt", "text", "skipHeader", true, "splitSize", 50);
        var direct = PluginHarness.read(factory, p, 2);
        var decoded = PluginHarness.readThroughCodec(factory, p, 2);
        assertTrue(direct.splits().size() > 5);
        assertEquals(direct.splits(), decoded.splits());
        assertEquals(direct.records(), decoded.records());
        assertEquals(90, decoded.records().size());
    }

    @Test
    void encodedPlansDifferWhenAFileChangesAndAChangedFileIsRefused() throws Exception {
        hdfs.write("/split/changing.txt", lines(40));
        Map<String, Object> p = params("/split/changing.txt", "text", "splitSize", 64);
        List<byte[]> before = encodedPlan(p);
        List<byte[]> again = encodedPlan(p);
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), again.get(i));
        }
        Path path = new Path(hdfs.uri() + "/split/changing.txt");
        long mtime = hdfs.fs().getFileStatus(path).getModificationTime();
        hdfs.fs().setTimes(path, mtime - 60_000, -1);
        assertFalse(java.util.Arrays.equals(before.get(0), encodedPlan(p).get(0)), "the modification time is encoded");
        try (Reader reader = factory.create(PluginHarness.bind(factory, p), new TestPluginContext("hdfsReader"))) {
            SplitCodec codec = reader.splitCodec();
            Split split = codec.decode(codec.version(), before.get(1));
            PluginException e = assertThrows(PluginException.class, () -> PluginHarness.readSplit(reader, split));
            assertTrue(e.getMessage().contains("changed since the job was planned"), e.getMessage());
        }
    }

    private List<byte[]> encodedPlan(Map<String, Object> p) throws Exception {
        try (Reader reader = factory.create(PluginHarness.bind(factory, p), new TestPluginContext("r"))) {
            List<byte[]> out = new ArrayList<>();
            for (Split s : reader.planSplits(1)) {
                out.add(reader.splitCodec().encode(s));
            }
            return out;
        }
    }

    private static byte[] gzip(String text) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
