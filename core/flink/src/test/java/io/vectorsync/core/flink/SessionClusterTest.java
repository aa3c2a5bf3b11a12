package io.vectorsync.core.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.core.Engine;
import io.vectorsync.core.runtime.JobResult;
import io.vectorsync.core.runtime.RunOptions;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * A real Flink session cluster of separate JVMs (a JobManager and two TaskManagers of 2 slots, started from
 * Flink's entry-point classes on the Maven class path, configured under target/), and vectorsync jobs submitted
 * to it through REST with the engine's jars and the plugin directories shipped with the job.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionClusterTest {
    private static final Path HOME = Path.of("target", "flink-session").toAbsolutePath();
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static String classPath;
    private static int restPort;

    @BeforeAll
    static void startCluster() throws Exception {
        Path conf = Files.createDirectories(HOME.resolve("conf"));
        Path tmp = Files.createDirectories(HOME.resolve("tmp"));
        Files.createDirectories(HOME.resolve("log"));
        restPort = freePort();
        Files.writeString(conf.resolve("config.yaml"), String.join("\n",
                "jobmanager.rpc.address: localhost", "jobmanager.bind-host: localhost",
                "jobmanager.rpc.port: " + freePort(), "rest.address: localhost", "rest.bind-address: localhost",
                "rest.port: " + restPort, "taskmanager.host: localhost", "taskmanager.bind-host: localhost",
                "taskmanager.rpc.port: 0", "blob.server.port: 0", "taskmanager.numberOfTaskSlots: 2",
                "jobmanager.memory.process.size: 768m", "taskmanager.memory.process.size: 1280m",
                "taskmanager.memory.managed.fraction: 0.05", "io.tmp.dirs: " + tmp, "web.tmpdir: " + tmp,
                // vectorsync's core and plugin API are on the cluster's class path: loaded once per JVM, so
                // plugin class loaders and their native libraries are shared by consecutive jobs
                "classloader.parent-first-patterns.additional: io.vectorsync.", ""));
        Files.writeString(conf.resolve("log4j.properties"), String.join("\n", "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = File", "appender.file.name = File", "appender.file.type = File",
                "appender.file.fileName = ${sys:log.file}", "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d %-5p %c{1} - %m%n", ""));
        classPath = flinkClassPath();
        start("jobmanager", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                resourceParams("GET_JM_RESOURCE_PARAMS", conf));
        List<List<String>> tm = resourceParams("GET_TM_RESOURCE_PARAMS", conf);
        start("taskmanager-1", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", tm);
        start("taskmanager-2", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", tm);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (taskManagers() < 2) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the session cluster did not come up; see " + HOME.resolve("log"));
            }
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (Process p : PROCESSES) {
            p.destroy();
        }
        for (Process p : PROCESSES) {
            p.waitFor();
        }
    }

    /**
     * Flink and its libraries from the test class path, with vectorsync's core and its libraries (as a cluster
     * prepared for vectorsync has them in lib/), without logback (Flink logs through log4j) and the tests.
     */
    private static String flinkClassPath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(File.pathSeparator)) {
            String p = e.replace('\\', '/');
            if (!p.endsWith("/test-classes") && !p.contains("logback") && !p.contains("junit")) {
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<List<String>> resourceParams(String which, Path conf) throws Exception {
        Process p = new ProcessBuilder(java(), "-cp", classPath, "org.apache.flink.runtime.util.bash.BashJavaUtils",
                which, "--configDir", conf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        List<List<String>> results = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:")) {
                results.add(Arrays.asList(line.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).trim().split("\\s+")));
            }
        }
        if (results.size() < 2) {
            throw new IllegalStateException("BashJavaUtils " + which + " printed: " + out);
        }
        return results;
    }

    private static void start(String name, String mainClass, List<List<String>> params) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(params.get(0));
        cmd.addAll(List.of("-Djava.io.tmpdir=" + HOME.resolve("tmp"), "-Dlog.file=" + HOME.resolve("log/" + name + ".log"),
                "-Dlog4j.configurationFile=file:" + HOME.resolve("conf/log4j.properties"),
                "-cp", classPath, mainClass, "--configDir", HOME.resolve("conf").toString()));
        cmd.addAll(params.get(1));
        PROCESSES.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(HOME.resolve("log/" + name + ".out").toFile()).start());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int taskManagers() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + restPort + "/overview")).build(), HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(r.body()).path("taskmanagers").asInt(0);
        } catch (Exception e) {
            return 0;
        }
    }

    private static Engine engine(Path dirty) {
        return Engine.builder().pluginDirs(FlinkEngineTest.pluginDirs()).includeClassPath(false).dirtyFile(dirty)
                .runOptions(RunOptions.defaults().withProgressInterval(Duration.ZERO)).build();
    }

    private static Path input(Path dir, int files, int lines) throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (int f = 0; f < files; f++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                sb.append("\"Sentence number ").append(f * lines + i).append(" is about rivers and banks\"\n");
            }
            Files.writeString(in.resolve("part-" + f + ".csv"), sb);
        }
        return in;
    }

    @Test
    @Order(1)
    void onnxJobOnTheClusterWritesWhatTheLocalEngineWrites() throws Exception {
        Path dir = Files.createDirectories(HOME.resolve("job-equal"));
        Path in = input(dir, 4, 150);
        Path localOut = dir.resolve("local");
        Path clusterOut = dir.resolve("cluster");
        Path localJob = Files.writeString(dir.resolve("local.json"), OnnxJobs.job(in, localOut, 4));
        Path clusterJob = Files.writeString(dir.resolve("cluster.json"), OnnxJobs.job(in, clusterOut, 4));

        JobResult local = engine(dir.resolve("dirty-local.jsonl")).run(localJob);
        JobResult cluster = new FlinkEngine(engine(dir.resolve("dirty-cluster.jsonl")),
                FlinkTarget.session("localhost:" + restPort)).run(clusterJob);

        assertTrue(local.succeeded(), local.error());
        assertTrue(cluster.succeeded(), cluster.error());
        assertEquals(600, cluster.recordsRead());
        assertEquals(600, cluster.recordsWritten());
        List<String> expected = FlinkEngineTest.lines(localOut);
        assertEquals(600, expected.size());
        assertEquals(expected, FlinkEngineTest.lines(clusterOut), "same records, same vectors");
        assertTrue(cluster.steps().get(1).pluginCounters().getOrDefault("model.calls", 0L) > 0
                || !cluster.steps().get(1).pluginCounters().isEmpty(), "the model's counters come back");
    }

    @Test
    @Order(2) // last: it stops a TaskManager
    void losingATaskManagerMidJobFailsTheJobWithAClearError() throws Exception {
        Path dir = Files.createDirectories(HOME.resolve("job-lost-tm"));
        Path in = input(dir, 4, 1000);
        Path job = Files.writeString(dir.resolve("job.json"), OnnxJobs.job(in, dir.resolve("out"), 4));
        CompletableFuture<JobResult> running = CompletableFuture.supplyAsync(() -> new FlinkEngine(
                engine(dir.resolve("dirty.jsonl")), FlinkTarget.session("localhost:" + restPort)).run(job));
        Path out = dir.resolve("out");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!(Files.isDirectory(out) && Files.list(out).anyMatch(f -> f.toFile().length() > 0))) {
            assertFalse(running.isDone(), () -> "the job ended before it wrote: " + running.join().error());
            assertTrue(System.nanoTime() < deadline, "the job did not start writing");
            Thread.sleep(200);
        }
        PROCESSES.get(2).destroy(); // SIGTERM to taskmanager-2
        JobResult r = running.get();

        assertFalse(r.succeeded(), "no restart strategy: the job fails");
        System.out.println("lost TaskManager -> " + r.error());
        assertTrue(r.error().startsWith("the Flink job failed") || r.error().contains("vectorsync subtask"), r.error());
        PROCESSES.get(2).waitFor();
        try (var left = Files.list(out)) {
            assertEquals(List.of(), left.toList(), "the client aborted the writer: no file, not even in progress");
        }
    }
}
