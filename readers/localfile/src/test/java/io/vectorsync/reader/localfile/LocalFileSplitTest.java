package io.vectorsync.reader.localfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.reader.Reader;
import io.vectorsync.api.reader.SplitCodec;
import io.vectorsync.api.record.Row;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large files cut into line-aligned byte ranges, and splits through the codec. */
class LocalFileSplitTest {
    private static final LocalFileReaderFactory FACTORY = new LocalFileReaderFactory();

    @TempDir
    Path dir;

    private static Map<String, Object> params(Object path, Object... more) {
        return ReaderParams.of(path, more);
    }

    /** Lines of varying length, some CRLF, some with multi-byte characters, the last without a newline. */
    private Path textFile(int lines) throws Exception {
        StringBuilder sb = new StringBuilder("header,text\n");
        for (int i = 0; i < lines; i++) {
            sb.append(i).append(",").append("é".repeat(i % 5)).append("x".repeat(i % 13));
            if (i < lines - 1) {
                sb.append(i % 3 == 0 ? "\r\n" : "\n");
            }
        }
        Path f = dir.resolve("big.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    private static List<String> ids(List<Row> rows) {
        return rows.stream().map(r -> String.valueOf(r.get(0))).toList();
    }

    @Test
    void everyLineIsReadExactlyOnceWhateverTheRangeSize() throws Exception {
        Path f = textFile(200);
        List<Row> whole = PluginHarness.read(FACTORY, params(f.toString(), "skipHeader", true), 1).records();
        assertEquals(200, whole.size());
        assertEquals("199", whole.get(199).get(0));
        for (String format : List.of("text", "csv")) {
            for (long size : List.of(1L, 7L, 16L, 100L, 1000L)) {
                var r = PluginHarness.read(FACTORY, params(f.toString(), "skipHeader", true, "fileFormat", format,
                        "splitSize", size), 1);
                assertTrue(r.splits().size() > 1, "split size " + size);
                assertEquals(ids(whole), ids(r.records()), format + " split size " + size);
                assertEquals(whole.stream().map(x -> x.get(1)).toList(),
                        r.records().stream().map(x -> x.get(1)).toList(), format + " split size " + size);
                assertEquals(List.of(), r.context().dirty());
            }
        }
    }

    @Test
    void rangesStartAtLineStartsAndCoverTheFile() throws Exception {
        Path f = textFile(50);
        byte[] bytes = Files.readAllBytes(f);
        try (Reader reader = FACTORY.create(PluginHarness.bind(FACTORY, params(f.toString(), "splitSize", 33)),
                new TestPluginContext("r"))) {
            List<LocalFileSplit> splits = ((LocalFileReader) reader).planSplits(1);
            long expectedStart = 0;
            for (LocalFileSplit s : splits) {
                assertEquals(expectedStart, s.start());
                assertTrue(s.start() == 0 || bytes[(int) s.start() - 1] == '\n', "range " + s.id());
                assertTrue(s.end() - s.start() >= 33 || s.end() == bytes.length, "range " + s.id());
                expectedStart = s.end();
            }
            assertEquals(bytes.length, expectedStart);
        }
    }

    @Test
    void quotedLineBreaksInCsvAreNeverCut() throws Exception {
        StringBuilder sb = new StringBuilder();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String text = i % 4 == 0 ? "multi\nline \"\"quoted\"\"\r\ntext " + i : "plain " + i;
            texts.add(text.replace("\"\"", "\"").replace("\r\n", "\n"));
            sb.append(i).append(",\"").append(text).append("\"\n");
        }
        Path f = dir.resolve("quoted.csv");
        Files.writeString(f, sb.toString());
        for (long size : List.of(5L, 20L, 64L)) {
            var r = PluginHarness.read(FACTORY, params(f.toString(), "splitSize", size), 1);
            assertTrue(r.splits().size() > 3);
            assertEquals(texts, r.records().stream().map(x -> x.get(1)).toList(), "split size " + size);
            assertEquals(List.of(), r.context().dirty());
        }
    }

    @Test
    void jsonlRangesAndAMissingFinalNewline() throws Exception {
        Path f = dir.resolve("d.jsonl");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            sb.append("{\"id\": ").append(i).append(", \"t\": \"line\\n").append(i).append("\"}")
                    .append(i < 29 ? "\r\n" : "");
        }
        Files.writeString(f, sb.toString());
        var r = PluginHarness.read(FACTORY, params(f.toString(), "fileFormat", "jsonl", "splitSize", 25,
                "column", List.of(Map.of("name", "id", "type", "long"), "t")), 1);
        assertTrue(r.splits().size() > 5);
        assertEquals(30, r.records().size());
        for (int i = 0; i < 30; i++) {
            assertEquals((long) i, r.records().get(i).get("id"));
            assertEquals("line\n" + i, r.records().get(i).get("t"));
        }
    }

    @Test
    void compressedFilesStayOneSplit() throws Exception {
        Path f = dir.resolve("d.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("a\nb\nc\nd\n".repeat(50).getBytes(StandardCharsets.UTF_8));
        }
        var r = PluginHarness.read(FACTORY, params(f.toString(), "compress", "gzip", "splitSize", 4), 1);
        assertEquals(1, r.splits().size());
        assertEquals(200, r.records().size());
    }

    @Test
    void decodedSplitsReadTheSameRowsInAnotherReader() throws Exception {
        Path f = textFile(120);
        Map<String, Object> p = params(f.toString(), "skipHeader", true, "splitSize", 64);
        var direct = PluginHarness.read(FACTORY, p, 2);
        var decoded = PluginHarness.readThroughCodec(FACTORY, p, 2);
        assertEquals(direct.splits(), decoded.splits());
        assertEquals(direct.records(), decoded.records());
        assertEquals(120, decoded.records().size());
    }

    @Test
    void encodedPlansDifferWhenAFileChangesAndAChangedFileIsRefused() throws Exception {
        Path f = textFile(40);
        Map<String, Object> p = params(f.toString(), "splitSize", 64);
        List<byte[]> before = encodedPlan(p);
        assertEquals(before.size(), encodedPlan(p).size());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), encodedPlan(p).get(i));
        }
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() - 60_000));
        List<byte[]> after = encodedPlan(p);
        assertFalse(java.util.Arrays.equals(before.get(0), after.get(0)), "the modification time is encoded");

        try (Reader reader = FACTORY.create(PluginHarness.bind(FACTORY, p), new TestPluginContext("Reader"))) {
            SplitCodec codec = reader.splitCodec();
            var split = codec.decode(codec.version(), before.get(1));
            PluginException e = assertThrows(PluginException.class, () -> PluginHarness.readSplit(reader, split));
            assertTrue(e.getMessage().contains("changed since the job was planned"), e.getMessage());
            var e2 = assertThrows(java.io.IOException.class, () -> codec.decode(1, before.get(0)));
            assertTrue(e2.getMessage().contains("version 1 is not known"), e2.getMessage());
        }
    }

    private List<byte[]> encodedPlan(Map<String, Object> p) throws Exception {
        try (Reader reader = FACTORY.create(PluginHarness.bind(FACTORY, p), new TestPluginContext("r"))) {
            List<byte[]> out = new ArrayList<>();
            for (var s : reader.planSplits(1)) {
                out.add(reader.splitCodec().encode(s));
            }
            return out;
        }
    }
}
