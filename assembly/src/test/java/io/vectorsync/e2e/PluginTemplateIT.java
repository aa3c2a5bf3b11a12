package io.vectorsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin built outside the repository, as a third party builds it: {@code examples/plugin-template} is compiled
 * by Maven (a separate process, offline, with this build's local repository) against the plugin API and test kit
 * of this build, runs its contract tests, and the plugin directory it packages is passed to the distribution with
 * {@code --plugin-dir}; a job then writes through it to a loopback HTTP receiver.
 */
class PluginTemplateIT {
    private static final String VERSION = System.getProperty("vectorsync.version", "0.1.0-SNAPSHOT");

    @TempDir
    Path tmp;

    @Test
    void theTemplateBuildsAgainstThisApiAndRunsAJobThroughTheDistribution() throws Exception {
        Path repo = localRepository();
        publishApi(repo);
        Path project = tmp.resolve("plugin-template");
        copyTree(Distribution.REPO.resolve("examples/plugin-template"), project);
        Path log = tmp.resolve("mvn.log");
        Process mvn = new ProcessBuilder(mavenExecutable(), "-B", "-o", "-Dmaven.repo.local=" + repo,
                "-Dvectorsync.version=" + VERSION, "package").directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!mvn.waitFor(10, TimeUnit.MINUTES)) {
            mvn.destroyForcibly();
            throw new AssertionError("mvn package of the template did not finish in 10 minutes");
        }
        String build = Files.readString(log);
        assertEquals(0, mvn.exitValue(), build);
        assertTrue(build.contains("Tests run: 5, Failures: 0, Errors: 0, Skipped: 0, Time elapsed")
                && build.contains("HttpJsonlWriterContractTest"), "the writer contract suite ran: " + build);
        Path pluginDir = project.resolve("target/plugin");
        assertTrue(Files.exists(pluginDir.resolve("writer/http-jsonl/plugin.properties")));
        try (Stream<Path> libs = Files.list(pluginDir.resolve("writer/http-jsonl/lib"))) {
            List<String> jars = libs.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(jars.stream().anyMatch(j -> j.startsWith("jackson-databind")), "its own dependencies: " + jars);
            assertTrue(jars.stream().noneMatch(j -> j.startsWith("vectorsync-plugin-api") || j.startsWith("slf4j-api")),
                    "the API is provided by the core, never bundled: " + jars);
        }

        List<String> received = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ingest", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (received) {
                body.lines().filter(l -> !l.isEmpty()).forEach(received::add);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            Path job = tmp.resolve("job.json");
            Files.writeString(job, """
                    {"type": "job", "version": "2.0", "steps": [
                      {"stepType": "stream", "category": "reader", "name": "Reader", "parameter": {
                        "column": [{"type": "long", "value": 7, "name": "id"}, {"type": "string", "value": "hello", "name": "text"}],
                        "sliceRecordCount": 150}},
                      {"stepType": "http-jsonl", "category": "writer", "name": "Writer", "parameter": {
                        "url": "http://127.0.0.1:%d/ingest", "token": "template-secret"}}],
                     "setting": {"errorLimit": {"record": "0"}, "speed": {"concurrent": 2}}}
                    """.formatted(server.getAddress().getPort()));
            Distribution.Outcome described = Distribution.cli("plugins", "describe", "http-jsonl", "--plugin-dir",
                    pluginDir.toString());
            assertEquals(0, described.exitCode(), described.stderr());
            assertTrue(described.stdout().contains("maxAttempts"), "its parameters are listed: " + described.stdout());
            Distribution.Outcome o = Distribution.cli("run", job.toString(), "--plugin-dir", pluginDir.toString());
            assertEquals(0, o.exitCode(), o.stderr());
            assertTrue(o.stderr().contains("SUCCEEDED"), o.stderr());
            assertTrue(!o.stderr().contains("template-secret") && !o.stdout().contains("template-secret"),
                    "the secret stays out of the output");
        } finally {
            server.stop(0);
        }
        assertEquals(300, received.size(), "150 records per stream, 2 streams");
        JsonNode first = new ObjectMapper().readTree(received.get(0));
        assertEquals(7, first.get("id").asLong());
        assertEquals("hello", first.get("text").asText());
    }

    /** The running build's local repository: what Maven passed to the tests, else ~/.m2/repository. */
    private static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static String mavenExecutable() {
        String home = System.getProperty("maven.home");
        return home != null && Files.isExecutable(Path.of(home, "bin", "mvn")) ? Path.of(home, "bin", "mvn").toString()
                : "mvn";
    }

    /**
     * Puts this build's plugin API, test kit and parent POM into the local repository, as {@code mvn install}
     * does: under {@code mvn verify} nothing is installed, and the template must build against exactly this API.
     */
    private static void publishApi(Path repo) throws IOException {
        Path root = Distribution.REPO;
        install(repo, "vectorsync-parent", root.resolve("pom.xml"), null);
        install(repo, "vectorsync-plugin-api", root.resolve("plugin-api/pom.xml"),
                root.resolve("plugin-api/target/vectorsync-plugin-api-" + VERSION + ".jar"));
        install(repo, "vectorsync-testkit", root.resolve("plugin-api/testkit/pom.xml"),
                root.resolve("plugin-api/testkit/target/vectorsync-testkit-" + VERSION + ".jar"));
    }

    private static void install(Path repo, String artifactId, Path pom, Path jar) throws IOException {
        Path dir = repo.resolve("io/vectorsync/" + artifactId + "/" + VERSION);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifactId + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            assertTrue(Files.exists(jar), jar + " is built before the assembly module");
            Files.copy(jar, dir.resolve(artifactId + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.filter(p -> !from.relativize(p).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
