package io.vectorsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM and SIGINT against the real distribution: a throttled localfile → localfile {@code append} job is
 * stopped mid-way. The process must exit 143 / 130 with the summary printed, the report saying CANCELLED with
 * counts that add up, the dirty file and every visible output file made of whole lines, and no visible partial
 * output; then an {@code append} rerun must leave every readable input row in the output exactly once.
 */
class StopSignalIT {
    private static final int ROWS = 100_000;
    private static final int UNREADABLE_EVERY = 1000; // every 1000th row has a non-number in a long column
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void sigtermCancelsTheJobExits143AndAnAppendRerunWritesEveryRowOnce() throws Exception {
        stopThenRerun("TERM", 143);
    }

    @Test
    void sigintCancelsTheJobExits130AndAnAppendRerunWritesEveryRowOnce() throws Exception {
        Assumptions.assumeFalse(sigintIgnoredHere(), "SIGINT is ignored by this test's process (started in the"
                + " background by a non-interactive shell), so a child cannot receive it");
        stopThenRerun("INT", 130);
    }

    private void stopThenRerun(String signal, int expectedExit) throws Exception {
        Path input = writeInput();
        Path out = dir.resolve("out");
        Path slow = job("slow", input, out, ",\"record\": 5000");
        Path fast = job("fast", input, out, "");
        Path report = dir.resolve("report.json");
        Path dirty = dir.resolve("dirty.jsonl");

        Process p = start(dir.resolve("run1.err"), "run", slow.toString(), "--report", report.toString(),
                "--dirty-file", dirty.toString(), "--progress-interval", "1");
        awaitRowsHandedToWriter(p, dir.resolve("run1.err"));
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the job did not end after SIG" + signal);
        String stderr = Files.readString(dir.resolve("run1.err"), StandardCharsets.UTF_8);
        assertEquals(expectedExit, p.exitValue(), stderr);
        assertTrue(stderr.contains("Job slow CANCELLED"), stderr);
        assertTrue(stderr.contains("the job was cancelled: SIG" + signal + " received"), stderr);

        JsonNode r = MAPPER.readTree(report.toFile());
        assertEquals("CANCELLED", r.get("status").asText(), r.toString());
        long read = r.get("recordsRead").asLong();
        assertTrue(read > 0 && read < ROWS, r.toString());
        assertEquals(read, r.get("recordsWritten").asLong() + r.get("dirtyRecords").asLong()
                + r.get("filteredRecords").asLong() + r.get("recordsInFlight").asLong(), r.toString());
        List<JsonNode> dirtyLines = wholeJsonLines(dirty);
        assertEquals(r.get("dirtyRecords").asLong(), dirtyLines.size(), "every dirty record is in the file, whole");
        assertEquals(List.of(), visibleOutput(out), "a cancelled run leaves no visible output");

        Process rerun = start(dir.resolve("run2.err"), "run", fast.toString(), "--report", report.toString(),
                "--dirty-file", dir.resolve("dirty2.jsonl").toString(), "--progress-interval", "0");
        assertTrue(rerun.waitFor(5, TimeUnit.MINUTES), "the rerun did not end");
        String stderr2 = Files.readString(dir.resolve("run2.err"), StandardCharsets.UTF_8);
        assertEquals(0, rerun.exitValue(), stderr2);
        JsonNode r2 = MAPPER.readTree(report.toFile());
        assertEquals("SUCCEEDED", r2.get("status").asText());
        assertEquals(ROWS, r2.get("recordsRead").asLong(), "unreadable rows count as read: " + r2);
        assertEquals(ROWS / UNREADABLE_EVERY, r2.get("dirtyRecords").asLong());
        assertEquals(ROWS - ROWS / UNREADABLE_EVERY, r2.get("recordsWritten").asLong());
        assertEquals(0, r2.get("recordsInFlight").asLong());

        Set<Long> ids = new HashSet<>();
        long lines = 0;
        for (Path f : visibleOutput(out)) {
            for (JsonNode row : wholeJsonLines(f)) {
                lines++;
                ids.add(row.get("id").asLong());
            }
        }
        assertEquals(ROWS - ROWS / UNREADABLE_EVERY, lines, "every readable row once, none twice");
        assertEquals(lines, ids.size(), "no row twice");
        for (long id = 0; id < ROWS; id++) {
            assertEquals(!unreadable(id), ids.contains(id), "row " + id);
        }
    }

    private static boolean unreadable(long id) {
        return (id + 1) % UNREADABLE_EVERY == 0;
    }

    private Path writeInput() throws IOException {
        Path input = dir.resolve("input.csv");
        StringBuilder sb = new StringBuilder(ROWS * 24);
        for (long id = 0; id < ROWS; id++) {
            sb.append(id).append(",text ").append(id).append(',').append(unreadable(id) ? "x" : Long.toString(id * 2))
                    .append('\n');
        }
        Files.writeString(input, sb);
        return input;
    }

    /** A localfile (csv) → localfile (jsonl, append) job; {@code speed} adds to {@code setting.speed}. */
    private Path job(String name, Path input, Path out, String speed) throws IOException {
        String json = """
                {"type": "job", "version": "2.0",
                 "steps": [
                   {"stepType": "localfile", "category": "reader", "name": "Reader",
                    "parameter": {"path": ["%s"], "fileFormat": "csv",
                                  "column": [{"index": 0, "name": "id", "type": "long"},
                                             {"index": 1, "name": "text", "type": "string"},
                                             {"index": 2, "name": "n", "type": "long"}]}},
                   {"stepType": "localfile", "category": "writer", "name": "Writer",
                    "parameter": {"path": "%s", "fileName": "part", "fileFormat": "jsonl", "writeMode": "append"}}
                 ],
                 "setting": {"speed": {"concurrent": 1%s}},
                 "order": {"hops": [{"from": "Reader", "to": "Writer"}]}}
                """.formatted(input, out, speed);
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, json);
        return file;
    }

    private Process start(Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Distribution.HOME.resolve("bin/vectorsync").toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve(stderr.getFileName() + ".out").toFile())
                .redirectError(stderr.toFile()).start();
    }

    /** Waits (polling the progress line) until the writer has accepted rows, so the signal lands mid-job. */
    private static void awaitRowsHandedToWriter(Process p, Path stderr) throws Exception {
        Pattern toWriter = Pattern.compile("to writer ([0-9,]+)");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), "the job ended before it could be stopped: " + Files.readString(stderr));
            Matcher m = toWriter.matcher(Files.readString(stderr));
            while (m.find()) {
                if (Long.parseLong(m.group(1).replace(",", "")) > 0) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no progress line with rows handed to the writer: " + Files.readString(stderr));
    }

    /** The files a user sees in {@code out}: hidden (in-progress) files are not output. */
    private static List<Path> visibleOutput(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    /** Every line of {@code file} is a whole JSON object and the file ends with a line break. */
    private static List<JsonNode> wholeJsonLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.isEmpty() || text.endsWith("\n"), file + " ends in a cut line");
        List<JsonNode> rows = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                JsonNode node = MAPPER.readTree(line);
                assertTrue(node != null && node.isObject(), file + ": not a whole JSON line: " + line);
                rows.add(node);
            }
        }
        return rows;
    }

    /** Whether SIGINT is ignored in this process (a child inherits that, and the JVM then cannot handle it). */
    private static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                return (mask & (1L << (2 - 1))) != 0; // SIGINT is signal 2
            }
        }
        return false;
    }
}
