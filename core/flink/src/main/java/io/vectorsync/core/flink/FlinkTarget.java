package io.vectorsync.core.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.core.job.JobPlan;
import io.vectorsync.core.job.PlannedStep;
import io.vectorsync.core.plugin.LoadedPlugin;
import io.vectorsync.core.plugin.PluginDescriptor;
import io.vectorsync.core.plugin.PluginRegistry;
import io.vectorsync.core.runtime.CoreModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the Flink job runs: an embedded MiniCluster in this JVM (plugins read from the client's directories), or
 * a session cluster's REST endpoint (the engine's jars and the job's plugin directories shipped with the job).
 * Either way without restarts: a failed subtask fails the job and the client aborts the writer.
 */
public final class FlinkTarget {
    private static final Logger LOG = LoggerFactory.getLogger(FlinkTarget.class);

    private final String host;
    private final int port;
    private final List<Path> localPluginRoots;

    private FlinkTarget(String host, int port, List<Path> localPluginRoots) {
        this.host = host;
        this.port = port;
        this.localPluginRoots = localPluginRoots;
    }

    /** A MiniCluster in this JVM with one slot per subtask; subtasks read the plugins from {@code pluginRoots}. */
    public static FlinkTarget embedded(List<Path> pluginRoots) {
        return new FlinkTarget(null, 0, List.copyOf(pluginRoots));
    }

    /** A running session cluster, {@code HOST:PORT} of its REST endpoint. */
    public static FlinkTarget session(String master) {
        int colon = master == null ? -1 : master.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--flink-master takes HOST:PORT (the REST endpoint), got \"" + master + "\"");
        }
        try {
            return new FlinkTarget(master.substring(0, colon), Integer.parseInt(master.substring(colon + 1)), List.of());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--flink-master " + master + ": the port is not a number");
        }
    }

    boolean isEmbedded() {
        return host == null;
    }

    StreamExecutionEnvironment environment(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        if (isEmbedded()) {
            // a running job's accumulators reach the JobMaster with the TaskManagers' heartbeats (10 s by
            // default): every second, so the progress line moves (a session cluster keeps its own setting)
            conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        }
        StreamExecutionEnvironment env = isEmbedded()
                ? StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf)
                : StreamExecutionEnvironment.createRemoteEnvironment(host, port, conf,
                        ShippedJars.forCluster(Path.of(System.getProperty("java.io.tmpdir"), "vectorsync-flink-jars"))
                                .toArray(String[]::new));
        env.setParallelism(parallelism);
        return env;
    }

    /** Registers the job's plugin directories with the job (session cluster), or names the local roots. */
    PluginShipping plugins(StreamExecutionEnvironment env, JobPlan plan, PluginRegistry registry) {
        if (isEmbedded()) {
            return PluginShipping.local(localPluginRoots);
        }
        Map<Path, PluginDescriptor> needed = new LinkedHashMap<>();
        for (PlannedStep<?> step : plan.steps()) {
            add(needed, step.plugin());
            Object provider = step.spec().parameters().get("modelProvider");
            if (provider != null) {
                add(needed, CoreModelRegistry.find(registry, provider.toString()));
            }
        }
        List<PluginShipping.Shipped> shipped = new ArrayList<>();
        Path staging;
        try {
            staging = Files.createTempDirectory("vectorsync-ship-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the plugin directories", e);
        }
        for (PluginDescriptor d : needed.values()) {
            String cacheName = "vectorsync-plugin-" + d.kind().directoryName() + "-" + d.name();
            // Flink zips a directory as <its name>.zip: a link with a unique name keeps reader/localfile and
            // writer/localfile apart
            Path link = staging.resolve(cacheName);
            try {
                Files.createSymbolicLink(link, d.directory().toAbsolutePath());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stage plugin " + d.name(), e);
            }
            env.registerCachedFile(link.toUri().toString(), cacheName);
            shipped.add(new PluginShipping.Shipped(cacheName, d.kind().directoryName(), d.name()));
        }
        LOG.info("Shipping {} plugin directories with the job: {}", shipped.size(), needed.keySet());
        return PluginShipping.shipped(shipped);
    }

    private static void add(Map<Path, PluginDescriptor> needed, LoadedPlugin plugin) {
        PluginDescriptor d = plugin.descriptor();
        if (d.directory() == null) {
            throw new IllegalArgumentException("plugin " + d.name() + " comes from the class path, not a plugin "
                    + "directory; only installed plugins can be shipped to a Flink cluster");
        }
        needed.putIfAbsent(d.directory(), d);
    }

    /**
     * How many JVMs share a model endpoint's budget: 1 embedded; on a session cluster the number of TaskManagers
     * (each JVM has one rate limiter per endpoint, shared by its subtasks), at most the parallelism.
     */
    int jvmShare(int parallelism) {
        if (isEmbedded()) {
            return 1;
        }
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + host + ":" + port + "/overview")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode overview = new ObjectMapper().readTree(r.body());
            return Math.max(1, Math.min(parallelism, overview.path("taskmanagers").asInt(parallelism)));
        } catch (Exception e) {
            LOG.warn("Cannot read the cluster overview ({}); dividing model rate limits by the parallelism", e.toString());
            return parallelism;
        }
    }

    @Override
    public String toString() {
        return isEmbedded() ? "embedded MiniCluster" : "session cluster " + host + ":" + port;
    }
}
