package io.vectorsync.core.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.core.Engine;
import io.vectorsync.core.cli.VectorsyncCli;
import io.vectorsync.core.runtime.JobResult;
import io.vectorsync.core.runtime.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs on one shared MiniCluster of 2 TaskManagers x 2 slots, submitted through its REST endpoint exactly as to
 * a session cluster (engine jars and plugin directories shipped with the job), compared with the local engine;
 * plus one job on the embedded MiniCluster of {@code --engine flink} without a master.
 */
class FlinkEngineTest {
    private static MiniCluster cluster;
    static String master;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0");
        // as a cluster prepared for vectorsync: the core from the cluster's class path (see README)
        conf.set(CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS_ADDITIONAL, List.of("io.vectorsync."));
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(2).setNumSlotsPerTaskManager(2).build());
        cluster.start();
        var rest = cluster.getRestAddress().get();
        master = rest.getHost() + ":" + rest.getPort();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    static List<Path> pluginDirs() {
        return Arrays.stream(System.getProperty("vectorsync.test.pluginDirs").split(",")).map(Path::of).toList();
    }

    Engine engine(Path dirty) {
        return Engine.builder().pluginDirs(pluginDirs()).dirtyFile(dirty)
                .runOptions(RunOptions.defaults().withProgressInterval(Duration.ZERO)).build();
    }

    /** Four CSV files of 500 lines; line 777 of the third has a score that is not a number when {@code bad}. */
    Path input(boolean bad) throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        int n = 0;
        for (int f = 0; f < 4; f++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 500; i++, n++) {
                String score = bad && n == 1277 ? "not-a-number" : String.format(Locale.ROOT, "%.2f", n / 7.0);
                sb.append("sentence ").append(n).append(",\"para, ").append(n).append("\",").append(score).append('\n');
            }
            Files.writeString(in.resolve("part-" + f + ".csv"), sb);
        }
        return in;
    }

    Path job(Path in, String writer, int concurrent, String errorLimit) throws IOException {
        String json = """
                {"type": "job", "version": "2.0",
                 "steps": [
                  {"stepType": "localfile", "category": "reader", "name": "Reader",
                   "parameter": {"path": ["%s/*.csv"], "fileFormat": "csv", "fieldDelimiter": ",",
                     "column": [{"index": 0, "name": "sentence", "type": "string"},
                                {"index": 1, "name": "paraphrase", "type": "string"},
                                {"index": 2, "name": "score", "type": "double"}]}},
                  %s],
                 "setting": {"errorLimit": {"record": "%s"}, "speed": {"concurrent": %d}}}
                """.formatted(in, writer, errorLimit, concurrent);
        Path file = dir.resolve("job-" + System.nanoTime() + ".json");
        Files.writeString(file, json);
        return file;
    }

    static String localfileWriter(Path out) {
        return """
                {"stepType": "localfile", "category": "writer", "name": "Writer",
                 "parameter": {"path": "%s", "fileName": "rows", "fileFormat": "jsonl", "writeMode": "truncate"}}
                """.formatted(out);
    }

    /** Every line of every output file, sorted: the records, whatever stream wrote them. */
    static List<String> lines(Path out) throws IOException {
        List<String> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                all.addAll(Files.readAllLines(f));
            }
        }
        all.sort(null);
        return all;
    }

    @Test
    void sessionClusterWritesWhatTheLocalEngineWrites() throws Exception {
        Path in = input(false);
        Path localOut = dir.resolve("local");
        Path flinkOut = dir.resolve("flink");
        JobResult local = engine(dir.resolve("dirty-local.jsonl")).run(job(in, localfileWriter(localOut), 4, "0"));
        JobResult flink = new FlinkEngine(engine(dir.resolve("dirty-flink.jsonl")), FlinkTarget.session(master))
                .run(job(in, localfileWriter(flinkOut), 4, "0"));

        assertTrue(local.succeeded(), local.error());
        assertTrue(flink.succeeded(), flink.error());
        assertEquals(2000, flink.recordsRead());
        assertEquals(2000, flink.recordsWritten());
        assertEquals(0, flink.dirtyRecords());
        assertEquals(lines(localOut), lines(flinkOut));
        assertEquals(2000, lines(flinkOut).size());
        // one output file per subtask, like one per stream locally
        try (Stream<Path> files = Files.list(flinkOut)) {
            assertEquals(4, files.count());
        }
        assertEquals(2000, flink.steps().get(1).recordsIn(), "writer step counts come back from the subtasks");
    }

    @Test
    void embeddedMiniClusterCountsDirtyRecordsIntoOneFile() throws Exception {
        Path in = input(true);
        Path out = dir.resolve("out");
        Path dirty = dir.resolve("dirty.jsonl");
        JobResult r = new FlinkEngine(engine(dirty), FlinkTarget.embedded(pluginDirs()))
                .run(job(in, localfileWriter(out), 2, "5"));

        assertTrue(r.succeeded(), r.error());
        assertEquals(1999, r.recordsWritten());
        assertEquals(1, r.dirtyRecords());
        assertEquals(1999, lines(out).size());
        List<String> dirtyLines = Files.readAllLines(dirty);
        assertEquals(1, dirtyLines.size());
        assertTrue(dirtyLines.get(0).contains("not-a-number"), dirtyLines.get(0));
        assertEquals(dirty, r.dirtyFile());
    }

    @Test
    void theCommandLineRunsTheJobOnFlinkAndWritesTheReport() throws Exception {
        Path out = dir.resolve("cli-out");
        Path report = dir.resolve("report.json");
        List<String> args = new ArrayList<>(List.of("run", job(input(false), localfileWriter(out), 2, "0").toString(),
                "--engine", "flink", "--progress-interval", "0", "--report", report.toString()));
        for (Path p : pluginDirs()) {
            args.addAll(List.of("--plugin-dir", p.toString()));
        }
        java.io.StringWriter err = new java.io.StringWriter();
        int code = VectorsyncCli.execute(args.toArray(String[]::new), new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err));

        assertEquals(VectorsyncCli.OK, code, err.toString());
        assertEquals(2000, lines(out).size());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toFile());
        assertEquals("SUCCEEDED", json.path("status").asText(), json.toString());
        assertEquals(2000, json.path("recordsWritten").asLong(), json.toString());
        assertTrue(err.toString().contains("records read 2,000 = written 2,000"), err.toString());

        assertEquals(VectorsyncCli.INVALID, VectorsyncCli.execute(new String[] {"run", "job.json", "--flink-master",
                "localhost:8081"}, new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err)));
        assertTrue(err.toString().contains("--flink-master needs --engine flink"), err.toString());
    }

    @Test
    void aFailingWriterTaskFailsTheJobAndTheClientAbortsTheWriter() throws Exception {
        Path markers = dir.resolve("markers");
        String writer = """
                {"stepType": "failing-test", "category": "writer", "name": "Sink",
                 "parameter": {"markerDir": "%s", "failTask": 1}}
                """.formatted(markers);
        JobResult r = new FlinkEngine(engine(dir.resolve("dirty.jsonl")), FlinkTarget.embedded(pluginDirs()))
                .run(job(input(false), writer, 2, "0"));

        assertFalse(r.succeeded());
        assertTrue(r.error().contains("vectorsync subtask 2/2 failed"), r.error());
        assertTrue(r.error().contains("disk full (test) in task 1"), r.error());
        assertTrue(Files.exists(markers.resolve("aborted")), "the client aborts the writer");
        assertFalse(Files.exists(markers.resolve("finished")));
    }
}
