package io.vectorsync.reader.localfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.testkit.PluginHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fileFormat: binary}: every file is one record (a Markdown folder read directly). */
class LocalFileBinaryTest {
    @TempDir
    Path dir;

    private Map<String, Object> params(Object... kv) {
        Map<String, Object> p = ReaderParams.of(List.of(dir.resolve("*.md").toString()), kv);
        p.putIfAbsent("fileFormat", "binary");
        return p;
    }

    @Test
    void everyFileIsOneRecordWithNameAndContent() throws Exception {
        String a = "# Title\n\nFirst paragraph,\nwith \"quotes\", commas and\n\nblank lines.\n";
        String b = "\uFEFF# 常见问题\n\n中文\n";
        Files.writeString(dir.resolve("a.md"), a);
        Files.writeString(dir.resolve("b.md"), b);
        Files.writeString(dir.resolve("skip.txt"), "not markdown");
        PluginHarness.ReadResult r = PluginHarness.read(new LocalFileReaderFactory(), params("column", List.of("*")), 2);
        assertEquals(List.of("fileName", "content"), r.schema().names());
        List<Row> rows = r.records().stream().sorted(Comparator.comparing(x -> (String) x.get(0))).toList();
        assertEquals(List.of("a.md", "b.md"), rows.stream().map(x -> x.get(0)).toList());
        assertEquals(a, rows.get(0).get(1));
        assertEquals(b.substring(1), rows.get(1).get(1), "the byte order mark is dropped");
        assertEquals(2, r.splits().size());
    }

    @Test
    void fieldsByNameBytesSizeAndConstants() throws Exception {
        byte[] raw = {(byte) 0xff, 0, 1, 2};
        Files.write(dir.resolve("x.md"), raw);
        PluginHarness.ReadResult r = PluginHarness.read(new LocalFileReaderFactory(), params("column", List.of(
                "filePath", Map.of("name", "content", "type", "bytes"), Map.of("name", "size", "type", "long"),
                Map.of("name", "modified", "type", "timestamp"), Map.of("name", "src", "value", "docs"))), 1);
        assertEquals(DataType.BYTES, r.schema().field(1).type());
        Row row = r.records().get(0);
        assertEquals(dir.resolve("x.md").toString(), row.get(0));
        assertArrayEquals(raw, (byte[]) row.get(1));
        assertEquals(4L, row.get(2));
        assertEquals(Files.getLastModifiedTime(dir.resolve("x.md")).toInstant(), row.get(3));
        assertEquals("docs", row.get(4));
    }

    @Test
    void undecodableContentIsADirtyRecordAndBadColumnsAreNamed() throws Exception {
        Files.write(dir.resolve("bad.md"), new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
        Files.writeString(dir.resolve("good.md"), "ok", StandardCharsets.UTF_8);
        PluginHarness.ReadResult r = PluginHarness.read(new LocalFileReaderFactory(), params("column",
                List.of("fileName", "content")), 1);
        assertEquals(List.of("good.md"), r.records().stream().map(x -> x.get(0)).toList());
        assertEquals(1, r.context().dirty().size());
        assertTrue(r.context().dirty().get(0).message().contains("bad.md: not valid UTF-8 text"),
                r.context().dirty().get(0).message());

        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.read(new LocalFileReaderFactory(),
                params("column", List.of(Map.of("index", 0), "title", Map.of("name", "size", "type", "boolean"))), 1));
        assertTrue(e.getMessage().contains("\"column[0]\": fileFormat binary reads whole files")
                && e.getMessage().contains("\"column[1]\": \"title\" is not a field of a whole file")
                && e.getMessage().contains("\"column[2]\": size can be read as long or string"), e.getMessage());
    }
}
