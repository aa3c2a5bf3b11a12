package io.vectorsync.core.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A console over the plugins the build lays out in each module's target/plugin (localfile reader and writer,
 * embedding, onnx), with a fresh work directory holding the quickstart's sample data.
 */
final class ConsoleFixture implements AutoCloseable {
    static final Path REPO = Path.of(System.getProperty("vectorsync.test.repo", "../..")).toAbsolutePath().normalize();
    static final List<Path> PLUGIN_DIRS = Arrays.stream(System.getProperty("vectorsync.test.pluginDirs", "").split(","))
            .filter(s -> !s.isBlank()).map(Path::of).toList();

    final ConsoleServer server;
    final Path workDir;
    final String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ConsoleFixture(String bind) throws IOException {
        for (Path dir : PLUGIN_DIRS) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException(dir + " is missing: the plugins are laid out by `mvn package` "
                        + "(e.g. mvn -B -q install -DskipTests from the repository root) before these tests run");
            }
        }
        workDir = Files.createTempDirectory("console-test");
        Path data = Files.createDirectories(workDir.resolve("examples/data"));
        Files.copy(REPO.resolve("examples/data/stsb-en-sample.csv"), data.resolve("stsb-en-sample.csv"));
        server = new ConsoleServer(workDir, bind, PLUGIN_DIRS, PLUGIN_DIRS).start(bind, 0);
        base = "http://127.0.0.1:" + server.port();
    }

    static String quickstartJob() throws IOException {
        return Files.readString(REPO.resolve("examples/quickstart.json"));
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A same-origin JSON call, as the pages make it. */
    HttpResponse<String> json(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body, "Content-Type", "application/json");
    }

    @Override
    public void close() {
        server.close();
    }
}
