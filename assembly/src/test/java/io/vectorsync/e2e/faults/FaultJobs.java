package io.vectorsync.e2e.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.e2e.JsonHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Jobs, processes and target checks of the fault-injection suite. */
final class FaultJobs {
    static final Path HOME = Path.of(System.getProperty("vectorsync.dist", "target/vectorsync-dist")).toAbsolutePath();
    static final Path REPO = Path.of(System.getProperty("vectorsync.repo", "..")).toAbsolutePath().normalize();
    static final int ROWS = 200;
    /** Slow enough that a kill lands where it is aimed: ~14 records a split, about one split a second. */
    static final int SLOW_RECORDS_PER_SECOND = 20;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FaultJobs() {
    }

    /** The vendored STS-B sample as {@code id<TAB>sentence} lines (ids 0..199). */
    static Path input(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(REPO.resolve("examples/data/stsb-en-sample.csv"), StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            String line = lines.get(i);
            String sentence = line.startsWith("\"") ? line.substring(1, line.indexOf('"', 1)) : line.substring(0, line.indexOf(','));
            sb.append(i).append('\t').append(sentence).append('\n');
        }
        Path file = dir.resolve("sentences.tsv");
        Files.writeString(file, sb.toString());
        return file;
    }

    /** localfile (splits of ~20 lines) → onnx → elasticsearch index by id, cleanup: true. */
    static Path elasticsearchJob(Path dir, Path input, int recordsPerSecond) throws IOException {
        return embeddingJob(dir.resolve("job-" + recordsPerSecond + ".json"), input, recordsPerSecond, """
                  {"stepType": "elasticsearch", "category": "writer", "name": "Writer",
                   "parameter": {"endpoint": "${ES_ENDPOINT}", "index": "${INDEX}", "actionType": "index", "cleanup": true,
                                 "settings": {"number_of_shards": 1, "number_of_replicas": 0},
                                 "column": [{"name": "id", "type": "id"}, {"name": "sentence", "type": "text"},
                                            {"name": "vec", "type": "dense_vector", "dims": 384, "similarity": "cosine"}]}}""");
    }

    /** localfile → onnx → holo (PostgreSQL) with a primary key, conflictMode replace, truncate: true. */
    static Path postgresJob(Path dir, Path input, int recordsPerSecond) throws IOException {
        return embeddingJob(dir.resolve("pg-job-" + recordsPerSecond + ".json"), input, recordsPerSecond, """
                  {"stepType": "holo", "category": "writer", "name": "Writer",
                   "parameter": {"endpoint": "${PG_ENDPOINT}", "database": "postgres", "username": "postgres",
                                 "password": "postgres", "table": "${TABLE}", "createTableIfNotExist": true,
                                 "primaryKey": ["id"], "conflictMode": "replace", "truncate": true,
                                 "column": ["id", "sentence", "vec"]}}""");
    }

    /**
     * Writes to {@code file} the job localfile (splits of ~20 lines of {@code input}) → onnx all-MiniLM-L6-v2 into
     * {@code vec} → {@code writerStep}, one channel, no dirty record allowed, throttled when
     * {@code recordsPerSecond > 0}.
     */
    private static Path embeddingJob(Path file, Path input, int recordsPerSecond, String writerStep)
            throws IOException {
        String json = """
                {"type": "job", "version": "2.0", "steps": [
                  {"stepType": "localfile", "category": "reader", "name": "Reader",
                   "parameter": {"path": ["%s"], "fileFormat": "text", "fieldDelimiter": "\\t", "splitSize": 500,
                                 "column": [{"index": 0, "name": "id", "type": "string"},
                                            {"index": 1, "name": "sentence", "type": "string"}]}},
                  {"stepType": "embedding-transformer", "category": "flatmap", "name": "embed",
                   "parameter": {"modelProvider": "onnx", "modelName": "all-MiniLM-L6-v2",
                                 "embeddingColumns": {"sourceColumnNames": ["sentence"], "embeddingColumnName": "vec"},
                                 "dimension": 384, "batchSize": 8}},
                %s],
                 "setting": {"errorLimit": {"record": "0"}, "speed": {"concurrent": 1%s}}}
                """.formatted(input.toString().replace("\\", "\\\\"), writerStep,
                recordsPerSecond > 0 ? ", \"record\": " + recordsPerSecond : "");
        Files.writeString(file, json);
        return file;
    }

    record Run(int exitCode, String stderr, Path reportFile) {
        JsonNode report() throws IOException {
            return MAPPER.readTree(reportFile.toFile());
        }
    }

    static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    static Process start(Path dir, String name, Path job, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(HOME.resolve("bin/vectorsync").toString());
        command.add("run");
        command.add(job.toString());
        command.addAll(List.of(args));
        command.addAll(List.of("--report", dir.resolve(name + "-report.json").toString(), "--progress-interval", "1"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        // the embedding step's persistent cache lives in the test's directory, never in the user's home
        pb.environment().put("VECTORSYNC_EMBEDDING_CACHE_DIR", dir.resolve("embedding-cache").toString());
        return pb.redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile())
                .start();
    }

    static JsonNode report(Path dir, String name) throws IOException {
        return MAPPER.readTree(dir.resolve(name + "-report.json").toFile());
    }

    /** Waits until the journal under {@code dir} holds at least {@code records} records of done splits. */
    static void awaitJournalledRecords(Path dir, Process p, int records) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), "the job ended too early");
            if (journalledRecords(dir) >= records) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("never reached " + records + " journalled records");
    }

    private static long journalledRecords(Path dir) throws IOException {
        Path journal = journal(dir.resolve(".vectorsync/state"));
        long seen = 0;
        if (journal != null) {
            Matcher m = DONE.matcher(Files.readString(journal));
            while (m.find()) {
                seen += Long.parseLong(m.group(1));
            }
        }
        return seen;
    }

    private static final Pattern DONE = Pattern.compile("\"event\":\"done\".*?\"read\":([0-9]+)");

    /** Runs the job to its end. */
    static Run run(Path dir, String name, Path job, String... args) throws Exception {
        Process p = start(dir, name, job, args);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), name + " did not end in 5 minutes");
        return new Run(p.exitValue(), Files.readString(dir.resolve(name + ".err")), dir.resolve(name + "-report.json"));
    }

    /**
     * Starts the job with {@code --resume} and kills it with SIGKILL once the journal holds at least
     * {@code afterRecords} records of done splits (then the next split is being written); with a negative value, as
     * soon as the journal holds the plan (the writer's prepare runs next). Returns the records journalled done when
     * the kill was sent.
     */
    static long startAndKill(Path dir, Path job, int afterRecords, String... params) throws Exception {
        Process p = start(dir, "killed", job, concat(params, "--resume"));
        Path err = dir.resolve("killed.err");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        long seen = 0;
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), "the job ended before the kill: " + Files.readString(err));
            if (afterRecords < 0) {
                if (planStored(dir.resolve(".vectorsync/state"))) {
                    break;
                }
            } else {
                seen = journalledRecords(dir);
                if (seen >= afterRecords) {
                    break;
                }
            }
            Thread.sleep(afterRecords < 0 ? 5 : 20);
        }
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no report, no abort
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
        assertTrue(afterRecords < 0 || seen >= afterRecords, "never reached " + afterRecords + " records");
        return seen;
    }

    private static Path journal(Path state) throws IOException {
        if (!Files.isDirectory(state)) {
            return null;
        }
        try (Stream<Path> s = Files.walk(state)) {
            return s.filter(f -> f.getFileName().toString().equals("journal.log")).findFirst().orElse(null);
        }
    }

    private static boolean planStored(Path state) throws IOException {
        if (!Files.isDirectory(state)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(state)) {
            return s.anyMatch(f -> f.getFileName().toString().equals("plan.json"));
        }
    }

    /** Whether a job's state (a plan) is still under {@code state}. */
    static boolean hasJobState(Path state) throws IOException {
        return planStored(state);
    }

    /** Every document of {@code index}, by _id. */
    static Map<String, JsonNode> documents(String es, String index) throws Exception {
        JsonHttp.call(es, "POST", "/" + index + "/_refresh", null);
        JsonNode hits = JsonHttp.call(es, "POST", "/" + index + "/_search", "{\"size\":1000,\"query\":{\"match_all\":{}}}")
                .at("/hits/hits");
        Map<String, JsonNode> docs = new TreeMap<>();
        for (JsonNode h : hits) {
            docs.put(h.get("_id").asText(), h.get("_source"));
        }
        return docs;
    }

    /** Same ids, same texts, same vectors (to 1e-5: ONNX batches differ between runs, floats by the last bits). */
    static void assertSameDocuments(Map<String, JsonNode> expected, Map<String, JsonNode> actual) {
        assertEquals(expected.keySet(), actual.keySet(), "same ids");
        for (Map.Entry<String, JsonNode> e : expected.entrySet()) {
            JsonNode a = actual.get(e.getKey());
            assertEquals(e.getValue().get("sentence").asText(), a.get("sentence").asText(), "text of " + e.getKey());
            JsonNode ev = e.getValue().get("vec");
            JsonNode av = a.get("vec");
            assertEquals(ev.size(), av.size());
            for (int i = 0; i < ev.size(); i++) {
                assertEquals(ev.get(i).asDouble(), av.get(i).asDouble(), 1e-5, "vector of " + e.getKey() + " at " + i);
            }
        }
    }
}
