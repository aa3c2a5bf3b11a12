package io.vectorsync.writer.localfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Idempotence;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterTask;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed or cancelled run leaves the directory as it was; only a finished run makes files visible. */
class LocalFileOutputIntegrityTest {
    private static final LocalFileWriterFactory FACTORY = new LocalFileWriterFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Schema SCHEMA = Schema.builder().field("id", DataType.INT64).field("text", DataType.STRING)
            .build();

    @TempDir
    Path dir;

    private static List<Row> rows(int from, int to) {
        List<Row> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(Row.of(SCHEMA, (long) i, "row " + i));
        }
        return out;
    }

    private Map<String, Object> params(String writeMode, String format) {
        Map<String, Object> p = new HashMap<>();
        p.put("path", dir.toString());
        p.put("writeMode", writeMode);
        p.put("fileFormat", format);
        return p;
    }

    private Writer open(Map<String, Object> params, TestPluginContext ctx) throws Exception {
        Writer w = FACTORY.create(PluginHarness.bind(FACTORY, params), ctx);
        w.bind(SCHEMA);
        w.check();
        w.prepare();
        return w;
    }

    /** A run that writes {@code rows} in small batches, then is aborted as the core does on a failure. */
    private void abortedRun(Map<String, Object> params, List<Row> rows) throws Exception {
        TestPluginContext ctx = new TestPluginContext("Writer");
        List<String> before = visible();
        try (Writer w = open(params, ctx)) {
            try (WriterTask t = w.openTask(0)) {
                for (int i = 0; i < rows.size(); i += 3) {
                    t.write(rows.subList(i, Math.min(rows.size(), i + 3)));
                }
                assertEquals(before, visible(), "nothing new is visible while the run goes on");
                t.abort(new RuntimeException("the reader failed"));
            }
            w.abort(new RuntimeException("the reader failed"));
        }
    }

    private List<String> visible() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    private List<String> all() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private List<Long> ids(Path file) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            ids.add(MAPPER.readTree(line).get("id").longValue()); // a cut line would not parse
        }
        return ids;
    }

    @Test
    void abortLeavesTheTargetExactlyAsBeforeInEveryMode() throws Exception {
        Path target = dir.resolve("part-0.jsonl");
        PluginHarness.write(FACTORY, params("truncate", "jsonl"), SCHEMA, rows(0, 5), 2, new TestPluginContext("W"));
        byte[] before = Files.readAllBytes(target);
        for (String mode : List.of("truncate", "append")) {
            abortedRun(params(mode, "jsonl"), rows(100, 120));
            assertArrayEquals(before, Files.readAllBytes(target), mode);
            assertEquals(List.of("part-0.jsonl"), all(), mode + ": no in-progress file is left");
        }
    }

    @Test
    void abortOfAFirstRunLeavesNoFileAtAll() throws Exception {
        abortedRun(params("nonConflict", "csv"), rows(0, 10));
        assertEquals(List.of(), all());
        // and nonConflict still sees an empty directory
        PluginHarness.write(FACTORY, params("nonConflict", "csv"), SCHEMA, rows(0, 2), 2, new TestPluginContext("W"));
        assertEquals(List.of("id,text", "0,row 0", "1,row 1"), Files.readAllLines(dir.resolve("part-0.csv")));
    }

    @Test
    void appendAfterAnAbortedAppendAddsEveryRowOnce() throws Exception {
        Path target = dir.resolve("part-0.jsonl");
        PluginHarness.write(FACTORY, params("append", "jsonl"), SCHEMA, rows(0, 3), 2, new TestPluginContext("W"));
        abortedRun(params("append", "jsonl"), rows(3, 20));
        PluginHarness.write(FACTORY, params("append", "jsonl"), SCHEMA, rows(3, 20), 4, new TestPluginContext("W"));
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 20; i++) {
            expected.add(i);
        }
        assertEquals(expected, ids(target));
        assertEquals(List.of("part-0.jsonl"), all());
    }

    @Test
    void appendWritesTheCsvHeaderOnlyIntoANewFile() throws Exception {
        PluginHarness.write(FACTORY, params("append", "csv"), SCHEMA, rows(0, 1), 2, new TestPluginContext("W"));
        abortedRun(params("append", "csv"), rows(1, 2));
        PluginHarness.write(FACTORY, params("append", "csv"), SCHEMA, rows(1, 2), 2, new TestPluginContext("W"));
        assertEquals(List.of("id,text", "0,row 0", "1,row 1"), Files.readAllLines(dir.resolve("part-0.csv")));
    }

    @Test
    void appendKeepsTheFilesPermissions() throws Exception {
        Path target = dir.resolve("part-0.jsonl");
        PluginHarness.write(FACTORY, params("append", "jsonl"), SCHEMA, rows(0, 1), 2, new TestPluginContext("W"));
        Set<PosixFilePermission> perms = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(target, perms);
        PluginHarness.write(FACTORY, params("append", "jsonl"), SCHEMA, rows(1, 2), 2, new TestPluginContext("W"));
        assertEquals(perms, Files.getPosixFilePermissions(target));
        assertEquals(List.of(0L, 1L), ids(target));
    }

    @Test
    void appendStartsOnANewLineAfterAFileLeftWithACutLine() throws Exception {
        Path target = dir.resolve("part-0.jsonl");
        Files.writeString(target, "{\"id\":0,\"text\":\"row 0\"}\n{\"id\":1,\"te");
        PluginHarness.write(FACTORY, params("append", "jsonl"), SCHEMA, rows(2, 4), 2, new TestPluginContext("W"));
        List<String> lines = Files.readAllLines(target);
        assertEquals(List.of("{\"id\":0,\"text\":\"row 0\"}", "{\"id\":1,\"te", "{\"id\":2,\"text\":\"row 2\"}",
                "{\"id\":3,\"text\":\"row 3\"}"), lines);
    }

    @Test
    void finishMakesTheFilesVisibleAndTruncateReplacesEveryOldStreamFile() throws Exception {
        Files.writeString(dir.resolve("part-0.jsonl"), "old 0\n");
        Files.writeString(dir.resolve("part-3.jsonl"), "old 3\n");
        Files.writeString(dir.resolve("keep.txt"), "other\n");
        TestPluginContext ctx = new TestPluginContext("Writer", 2);
        try (Writer w = open(params("truncate", "jsonl"), ctx)) {
            try (WriterTask t0 = w.openTask(0); WriterTask t1 = w.openTask(1)) {
                t0.write(rows(0, 3));
                t1.write(rows(3, 4));
                t0.flush();
                t1.flush();
            }
            assertEquals(List.of("keep.txt", "part-0.jsonl", "part-3.jsonl"), visible(), "the old files until finish");
            assertEquals("old 0\n", Files.readString(dir.resolve("part-0.jsonl")));
            w.finish();
        }
        assertEquals(List.of("keep.txt", "part-0.jsonl", "part-1.jsonl"), all());
        assertEquals(List.of(0L, 1L, 2L), ids(dir.resolve("part-0.jsonl")));
        assertEquals(List.of(3L), ids(dir.resolve("part-1.jsonl")));
    }

    @Test
    void inProgressFilesOfADeadProcessAreDeletedThoseOfALiveOneKept() throws Exception {
        Path dead = dir.resolve(".part-0.jsonl.inprogress-2147483646-1-abc");
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().orElseThrow().toEpochMilli();
        Path live = dir.resolve(".part-1.jsonl.inprogress-" + self.pid() + "-" + started + "-def");
        Path recycledPid = dir.resolve(".part-2.jsonl.inprogress-" + self.pid() + "-" + (started - 1000) + "-0a");
        Path otherPrefix = dir.resolve(".other-0.jsonl.inprogress-2147483646-1-abc");
        for (Path p : List.of(dead, live, recycledPid, otherPrefix)) {
            Files.writeString(p, "{\"id\":9,\"te");
        }
        PluginHarness.write(FACTORY, params("append", "jsonl"), SCHEMA, rows(0, 1), 2, new TestPluginContext("W"));
        assertFalse(Files.exists(dead));
        assertFalse(Files.exists(recycledPid), "a pid now used by a process started at another time is dead");
        assertTrue(Files.exists(live), "a run going on now keeps its files");
        assertTrue(Files.exists(otherPrefix), "files of another fileName are not this writer's");
        assertEquals(List.of(0L), ids(dir.resolve("part-0.jsonl")));
    }

    @Test
    void noWriteModeIsIdempotentAndEachSaysWhatToDo() {
        for (String mode : List.of("truncate", "append", "nonConflict")) {
            Idempotence i = FACTORY.create(PluginHarness.bind(FACTORY, params(mode, "jsonl")),
                    new TestPluginContext("W")).idempotence();
            assertFalse(i.idempotent(), mode);
            assertTrue(i.explanation().contains("rerun the whole job"), i.explanation());
        }
    }
}
