package io.vectorsync.core.console;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.javalin.http.staticfiles.Location;
import io.vectorsync.core.plugin.PluginRegistry;
import io.vectorsync.core.stats.SecretMasker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's web server: the pages (plain ES modules from the class path) and the JSON API under
 * {@code /api} they use, which scripts and schedulers can use too. Every answer goes through the secret masker.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    private final ObjectMapper mapper = new ObjectMapper();
    /** The console's own masker: every secret it has seen (jobs, datasources) is masked in every answer and log. */
    private final SecretMasker masker = new SecretMasker();
    private final Security security;
    private final WorkDir workDir;
    private final Catalog catalog;
    private final JobService jobs;
    private final JobStore jobStore;
    private final DatasourceStore datasources;
    private final RunManager runs;
    private final Javalin app;

    /**
     * @param pluginDirs      the plugin directories (the installation's plugins/ and any --plugin-dir)
     * @param extraPluginDirs the ones a CLI started for a run must be told about (the installation's it finds itself)
     */
    public ConsoleServer(Path workDir, String bind, List<Path> pluginDirs, List<Path> extraPluginDirs) {
        this.security = Security.forBind(bind);
        this.workDir = new WorkDir(workDir);
        PluginRegistry plugins = PluginRegistry.scan(pluginDirs, true);
        this.catalog = new Catalog(plugins);
        this.jobs = new JobService(plugins, this.workDir, mapper, masker);
        this.jobStore = new JobStore(this.workDir, plugins, mapper, masker);
        this.datasources = new DatasourceStore(this.workDir, plugins, mapper, masker);
        this.runs = new RunManager(this.workDir, jobs, extraPluginDirs, mapper, masker);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = 16L * 1024 * 1024;
            config.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/io/vectorsync/core/console/web";
                s.location = Location.CLASSPATH;
            });
        });
        routes();
    }

    /** Starts listening; port 0 picks a free one. */
    public ConsoleServer start(String bind, int port) {
        app.start(bind, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    /** The token a client must present, or null when bound to loopback. */
    public String token() {
        return security.token();
    }

    public Path workDir() {
        return workDir.root();
    }

    private void routes() {
        app.before(ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'");
            ctx.header("Referrer-Policy", "no-referrer");
            security.check(ctx);
        });
        app.exception(ConsoleException.class, (e, ctx) -> send(ctx, e.status(), Map.of("error", e.getMessage())));
        app.exception(JobService.InvalidJob.class, (e, ctx) -> send(ctx, 422, Map.of("valid", false, "issues", e.issues)));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), masker.mask(e.toString()));
            send(ctx, 500, Map.of("error", String.valueOf(e.getMessage())));
        });

        app.get("/api/plugins", ctx -> send(ctx, 200, catalog.list()));
        app.get("/api/plugins/{kind}/{name}", ctx -> send(ctx, 200, catalog.describe(ctx.pathParam("kind"), ctx.pathParam("name"))));

        app.post("/api/validate", ctx -> {
            Map<String, Object> result = jobs.validate(ctx.body(), ctx.queryParam("name"));
            send(ctx, Boolean.TRUE.equals(result.get("valid")) ? 200 : 422, result);
        });
        app.post("/api/preview", ctx -> {
            int limit = parseLimit(ctx.queryParam("limit"), 10);
            send(ctx, 200, jobs.preview(ctx.body(), ctx.queryParam("name"), limit));
        });

        app.post("/api/runs", ctx -> {
            Map<String, Object> check = jobs.validate(ctx.body(), ctx.queryParam("name"));
            if (!Boolean.TRUE.equals(check.get("valid"))) {
                send(ctx, 422, check);
                return;
            }
            RunRecord run = runs.start(ctx.body(), ctx.queryParam("name"));
            send(ctx, 200, Map.of("id", run.id));
        });
        app.get("/api/runs", ctx -> send(ctx, 200, runs.history()));
        app.get("/api/runs/{id}", ctx -> send(ctx, 200, runs.get(ctx.pathParam("id")).toJson()));
        app.get("/api/runs/{id}/log", ctx -> ctx.contentType("text/plain; charset=utf-8").result(runs.log(ctx.pathParam("id"))));
        app.get("/api/runs/{id}/dirty", ctx -> send(ctx, 200, runs.dirtyRecords(ctx.pathParam("id"), parseLimit(ctx.queryParam("limit"), 100))));
        app.post("/api/runs/{id}/cancel", ctx -> send(ctx, 200, Map.of("cancelled", runs.get(ctx.pathParam("id")).cancel())));
        SseHandler sse = new SseHandler(0, this::stream);
        app.get("/api/runs/{id}/events", ctx -> {
            runs.get(ctx.pathParam("id")); // 404 before the stream starts
            String accept = ctx.header("Accept");
            if (accept == null || !accept.contains("text/event-stream")) {
                throw new ConsoleException(406, "this is a server-sent event stream: send Accept: text/event-stream");
            }
            sse.handle(ctx);
        });

        app.get("/api/datasources", ctx -> send(ctx, 200, datasources.list()));
        app.put("/api/datasources/{name}", ctx -> send(ctx, 200, datasources.put(ctx.pathParam("name"), bodyObject(ctx))));
        app.delete("/api/datasources/{name}", ctx -> send(ctx, 200, Map.of("deleted", datasources.delete(ctx.pathParam("name")))));

        app.get("/api/jobs", ctx -> send(ctx, 200, jobStore.list()));
        app.get("/api/jobs/{name}", ctx -> ctx.contentType("application/json").result(masker.mask(jobStore.get(ctx.pathParam("name")))));
        app.put("/api/jobs/{name}", ctx -> {
            jobStore.put(ctx.pathParam("name"), ctx.body());
            send(ctx, 200, Map.of("saved", ctx.pathParam("name")));
        });
        app.get("/api/session", ctx -> send(ctx, 200, Map.of("workDir", workDir.root().toString(),
                "tokenRequired", security.token() != null)));
    }

    /** One SSE client: the run's past events, then live ones, closed after {@code end}. */
    private void stream(SseClient client) {
        RunRecord run = runs.get(client.ctx().pathParam("id"));
        client.keepAlive();
        List<Consumer<RunRecord.Event>> holder = new ArrayList<>(1);
        Consumer<RunRecord.Event> listener = e -> {
            if (client.terminated()) {
                return;
            }
            client.sendEvent(e.type(), e.data());
            if (e.type().equals("end")) {
                client.close();
            }
        };
        holder.add(listener);
        client.onClose(() -> run.removeListener(holder.get(0)));
        run.addListener(listener);
    }

    private Map<String, Object> bodyObject(Context ctx) {
        try {
            return mapper.readValue(ctx.body(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new ConsoleException(400, "the body must be a JSON object: " + e.getMessage());
        }
    }

    private static int parseLimit(String s, int dflt) {
        if (s == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(s);
            if (n > 0 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new ConsoleException(400, "limit must be a number from 1 to 1000, got \"" + s + "\"");
    }

    private void send(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(masker.mask(mapper.writeValueAsString(body)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        runs.stopAll();
        app.stop();
    }
}
