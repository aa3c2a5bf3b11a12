package io.vectorsync.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Starts a real single-node Elasticsearch or OpenSearch from an unpacked distribution (for example an
 * {@code integ-test-zip} unpacked by the maven-dependency-plugin) for plugin tests.
 *
 * <p>The distribution is copied to a fresh temporary directory; plugins given with {@link #plugin} are copied into
 * its {@code plugins/} folder (a descriptor's {@code extended.plugins} entries that the distribution lacks are
 * dropped). Both servers refuse to run as root, so when the test JVM runs as root the server runs as the
 * unprivileged user {@value #USER} (created with {@code useradd} when missing) through {@code runuser}. Free ports
 * are picked, security and disk watermarks are off, the heap is 512 MB. {@link #start()} waits for yellow health;
 * the server is stopped, by the process ids this launcher started, at {@link Server#close()} or JVM exit.
 */
public final class SearchServerLauncher {
    /** The unprivileged user servers run as when the tests run as root. */
    public static final String USER = "vsync";

    /** Which server a distribution holds; decides the environment variable names. */
    public enum Flavor {
        ELASTICSEARCH("elasticsearch", "ES"),
        OPENSEARCH("opensearch", "OPENSEARCH");

        private final String script;
        private final String envPrefix;

        Flavor(String script, String envPrefix) {
            this.script = script;
            this.envPrefix = envPrefix;
        }
    }

    private final Flavor flavor;
    private final Path distribution;
    private final Map<String, Path> plugins = new LinkedHashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private String heap = "512m";
    private Duration startTimeout = Duration.ofMinutes(3);

    private SearchServerLauncher(Flavor flavor, Path distribution) {
        this.flavor = Objects.requireNonNull(flavor, "flavor is null");
        this.distribution = Objects.requireNonNull(distribution, "distribution is null");
    }

    /** A launcher for the unpacked distribution in {@code distribution} (the folder holding {@code bin/}). */
    public static SearchServerLauncher of(Flavor flavor, Path distribution) {
        return new SearchServerLauncher(flavor, distribution);
    }

    /** Installs the unpacked plugin folder {@code dir} as {@code plugins/<name>}. */
    public SearchServerLauncher plugin(String name, Path dir) {
        plugins.put(Objects.requireNonNull(name, "name is null"), Objects.requireNonNull(dir, "dir is null"));
        return this;
    }

    /** An extra {@code -E key=value} node setting. */
    public SearchServerLauncher setting(String key, String value) {
        settings.put(key, value);
        return this;
    }

    public SearchServerLauncher heap(String size) {
        this.heap = Objects.requireNonNull(size, "size is null");
        return this;
    }

    public SearchServerLauncher startTimeout(Duration timeout) {
        this.startTimeout = Objects.requireNonNull(timeout, "timeout is null");
        return this;
    }

    /** Copies the distribution, starts the node and waits until the cluster is yellow or green. */
    public Server start() throws IOException, InterruptedException {
        if (!Files.isDirectory(distribution.resolve("bin"))) {
            throw new IllegalStateException("not an unpacked " + flavor.script + " distribution (no bin/): " + distribution
                    + "; run the module's build (mvn process-test-resources) to unpack it");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            ensureUser();
        }
        Path home = Files.createTempDirectory("vsync-" + flavor.script + "-");
        Path dist = home.resolve("dist");
        copyTree(distribution, dist);
        for (Map.Entry<String, Path> p : plugins.entrySet()) {
            Path target = dist.resolve("plugins").resolve(p.getKey());
            copyTree(p.getValue(), target);
            fixExtendedPlugins(dist, target.resolve("plugin-descriptor.properties"));
        }
        try (Stream<Path> bins = Files.list(dist.resolve("bin"))) {
            bins.forEach(f -> f.toFile().setExecutable(true, false));
        }
        for (String d : List.of("data", "logs", "tmp")) {
            Files.createDirectories(home.resolve(d));
        }
        if (root) {
            run(List.of("chown", "-R", USER + ":" + USER, home.toString()));
        }
        int httpPort = freePort();
        int transportPort = freePort();
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        command.add("env");
        String javaHome = System.getProperty("java.home");
        command.add(flavor.envPrefix + "_JAVA_HOME=" + javaHome);
        command.add("JAVA_HOME=" + javaHome);
        command.add(flavor.envPrefix + "_TMPDIR=" + home.resolve("tmp"));
        command.add(flavor.envPrefix + "_JAVA_OPTS=-Xms" + heap + " -Xmx" + heap + " -XX:-UsePerfData");
        command.add(dist.resolve("bin").resolve(flavor.script).toString());
        command.addAll(List.of("-p", home.resolve("server.pid").toString()));
        Map<String, String> all = new LinkedHashMap<>();
        all.put("discovery.type", "single-node");
        all.put("network.host", "127.0.0.1");
        all.put("http.port", Integer.toString(httpPort));
        all.put("transport.port", Integer.toString(transportPort));
        all.put("path.data", home.resolve("data").toString());
        all.put("path.logs", home.resolve("logs").toString());
        all.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        if (flavor == Flavor.ELASTICSEARCH) {
            all.put("xpack.security.enabled", "false");
        }
        all.putAll(settings);
        for (Map.Entry<String, String> e : all.entrySet()) {
            command.add("-E");
            command.add(e.getKey() + "=" + e.getValue());
        }
        Path console = home.resolve("console.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(console.toFile()).start();
        Server server = new Server(flavor, home, process, httpPort, command, startTimeout);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-" + flavor.script));
        try {
            server.awaitHealthy(startTimeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static void ensureUser() throws IOException, InterruptedException {
        if (new ProcessBuilder("id", USER).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor() != 0) {
            run(List.of("useradd", "-m", "-s", "/bin/bash", USER));
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.trim());
        }
    }

    /** Drops {@code extended.plugins} entries the distribution does not have (integ-test zips lack most modules). */
    private static void fixExtendedPlugins(Path dist, Path descriptor) throws IOException {
        if (!Files.exists(descriptor)) {
            return;
        }
        List<String> lines = Files.readAllLines(descriptor, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (line.startsWith("extended.plugins=")) {
                List<String> kept = new ArrayList<>();
                for (String name : line.substring("extended.plugins=".length()).split(",")) {
                    String n = name.trim();
                    if (!n.isEmpty() && (Files.isDirectory(dist.resolve("modules").resolve(n))
                            || Files.isDirectory(dist.resolve("plugins").resolve(n)))) {
                        kept.add(n);
                    }
                }
                line = "extended.plugins=" + String.join(",", kept);
            }
            out.add(line);
        }
        Files.write(descriptor, out, StandardCharsets.UTF_8);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(src -> {
                Path dst = to.resolve(from.relativize(src).toString());
                try {
                    if (Files.isDirectory(src)) {
                        Files.createDirectories(dst);
                    } else {
                        Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** A running node. */
    public static final class Server implements AutoCloseable {
        private final Flavor flavor;
        private final Path home;
        private Process process;
        private final int httpPort;
        private final List<String> command;
        private final Duration startTimeout;
        private boolean closed;

        private Server(Flavor flavor, Path home, Process process, int httpPort, List<String> command,
                       Duration startTimeout) {
            this.flavor = flavor;
            this.home = home;
            this.process = process;
            this.httpPort = httpPort;
            this.command = List.copyOf(command);
            this.startTimeout = startTimeout;
        }

        /**
         * Stops the node (SIGTERM, as an operator would) and returns once it is down; its data stays. For tests of a
         * target that goes away in the middle of a job. {@link #start()} brings it back.
         */
        public synchronized void stop() {
            for (ProcessHandle h : tree()) {
                h.destroy();
            }
            for (ProcessHandle h : tree()) {
                try {
                    h.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            }
        }

        /** Starts a stopped node again, on the same ports and data, and waits until it is healthy. */
        public synchronized void start() throws IOException, InterruptedException {
            if (process.isAlive()) {
                throw new IllegalStateException(flavor.script + " is running");
            }
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile())).start();
            awaitHealthy(startTimeout);
        }

        private List<ProcessHandle> tree() {
            List<ProcessHandle> tree = new ArrayList<>();
            readPid().flatMap(ProcessHandle::of).ifPresent(tree::add);
            process.descendants().forEach(tree::add);
            tree.add(process.toHandle());
            return tree;
        }

        /** {@code http://127.0.0.1:<port>}. */
        public String url() {
            return "http://127.0.0.1:" + httpPort;
        }

        public int httpPort() {
            return httpPort;
        }

        /** The node's copy of the distribution (plugins included). */
        public Path home() {
            return home;
        }

        /** The last lines the node printed, for failure messages. */
        public String consoleTail(int lines) {
            try {
                List<String> all = Files.readAllLines(home.resolve("console.log"), StandardCharsets.UTF_8);
                return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
            } catch (IOException e) {
                return "(no console log: " + e.getMessage() + ")";
            }
        }

        private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest health = HttpRequest.newBuilder(
                            URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=2s"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(flavor.script + " exited with " + process.exitValue()
                            + " before it was up; its output ends with:\n" + consoleTail(40));
                }
                try {
                    HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                    String body = r.body().toLowerCase(Locale.ROOT);
                    if (r.statusCode() == 200 && (body.contains("\"status\":\"green\"")
                            || body.contains("\"status\":\"yellow\""))) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException(flavor.script + " was not healthy after " + timeout
                    + "; its output ends with:\n" + consoleTail(40));
        }

        /** Stops the node (by the ids of the processes this launcher started) and deletes its directory. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            List<ProcessHandle> tree = new ArrayList<>();
            readPid().flatMap(ProcessHandle::of).ifPresent(tree::add);
            process.descendants().forEach(tree::add);
            tree.add(process.toHandle());
            for (ProcessHandle h : tree) {
                h.destroy();
            }
            for (ProcessHandle h : tree) {
                try {
                    h.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            }
            deleteTree(home);
        }

        private java.util.Optional<Long> readPid() {
            try {
                return java.util.Optional.of(Long.parseLong(
                        Files.readString(home.resolve("server.pid"), StandardCharsets.UTF_8).trim()));
            } catch (IOException | NumberFormatException e) {
                return java.util.Optional.empty();
            }
        }

        private static void deleteTree(Path dir) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort
            }
        }

        @Override
        public String toString() {
            return flavor.script + " at " + url();
        }
    }
}
