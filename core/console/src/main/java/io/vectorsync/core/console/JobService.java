package io.vectorsync.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.vectorsync.api.record.Field;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.SparseVector;
import io.vectorsync.api.record.Values;
import io.vectorsync.core.Engine;
import io.vectorsync.core.estimate.Estimator;
import io.vectorsync.core.job.Datasources;
import io.vectorsync.core.job.InvalidJobException;
import io.vectorsync.core.job.JobIssue;
import io.vectorsync.core.job.JobParser;
import io.vectorsync.core.job.JobPlan;
import io.vectorsync.core.job.JobPlanner;
import io.vectorsync.core.job.JobSpec;
import io.vectorsync.core.job.PlannedStep;
import io.vectorsync.core.plugin.PluginLoadException;
import io.vectorsync.core.plugin.PluginRegistry;
import io.vectorsync.core.runtime.DirtyRecords;
import io.vectorsync.core.runtime.JobControl;
import io.vectorsync.core.runtime.JobResult;
import io.vectorsync.core.runtime.RunOptions;
import io.vectorsync.core.stats.SecretMasker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Validation and preview of a job given as JSON, with the core as a library: the same parser, planner and runner
 * as the CLI's {@code validate} and {@code preview}, so the messages (and their JSON paths) are the CLI's.
 */
final class JobService {
    private final PluginRegistry plugins;
    private final WorkDir workDir;
    private final ObjectMapper mapper;
    private final SecretMasker masker;

    JobService(PluginRegistry plugins, WorkDir workDir, ObjectMapper mapper, SecretMasker masker) {
        this.masker = masker;
        this.plugins = plugins;
        this.workDir = workDir;
        this.mapper = mapper;
    }

    /** {@code POST /api/validate}: {valid, issues[{path, message}], steps[{name, category, stepType, fields}]}. */
    Map<String, Object> validate(String json, String name) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> steps = new ArrayList<>();
        try {
            String confined = confineLocalPaths(json);
            JobSpec spec = parser().parse(jobName(name), confined);
            Path dirty = workDir.tmp().resolve(UUID.randomUUID() + "-dirty.jsonl");
            try (DirtyRecords records = new DirtyRecords(dirty, null, mapper, masker);
                 JobPlan plan = new JobPlanner(plugins, records, new JobControl(), masker, false).plan(spec)) {
                for (PlannedStep<?> step : plan.steps()) {
                    Map<String, Object> s = new LinkedHashMap<>();
                    s.put("name", step.spec().name());
                    s.put("category", step.spec().category().pluginKind().directoryName());
                    s.put("stepType", step.spec().stepType());
                    s.put("fields", fields(step.outputSchema() == null ? List.of() : step.outputSchema().fields()));
                    steps.add(s);
                }
            }
            out.put("valid", true);
            out.put("issues", List.of());
        } catch (InvalidJobException e) {
            out.put("valid", false);
            out.put("issues", issues(e.issues()));
        } catch (PluginLoadException e) {
            out.put("valid", false);
            out.put("issues", List.of(Map.of("path", "$", "message", e.getMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.put("steps", steps);
        return out;
    }

    /** {@code POST /api/preview}: the records reader and transformers produce, vectors shortened; writes nothing. */
    Map<String, Object> preview(String json, String name, int limit) {
        Path jobFile = writeScratchJob(json, name);
        Engine engine = Engine.builder().plugins(plugins).datasources(datasources())
                .dirtyFile(jobFile.resolveSibling("dirty.jsonl"))
                .runOptions(RunOptions.defaults().withProgressInterval(Duration.ZERO)).build();
        Map<String, Object> out = new LinkedHashMap<>();
        JobResult r;
        try {
            r = engine.preview(jobFile, limit);
        } catch (InvalidJobException e) {
            throw new InvalidJob(issues(e.issues()));
        } catch (PluginLoadException e) {
            throw new InvalidJob(List.of(Map.of("path", "$", "message", e.getMessage())));
        }
        out.put("status", r.status());
        if (r.error() != null) {
            out.put("error", r.error());
        }
        out.put("columns", fields(r.outputSchema() == null ? List.of() : r.outputSchema().fields()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Row row : r.previewRecords()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                m.put(row.schema().field(i).name(), cell(row.get(i)));
            }
            rows.add(m);
        }
        out.put("records", rows);
        out.put("recordsRead", r.recordsRead());
        out.put("dirtyRecords", r.dirtyRecords());
        out.put("durationMs", r.durationMs());
        if (r.succeeded() && embeds(json)) {
            addEstimate(out, engine, jobFile, limit);
        }
        return out;
    }

    /**
     * With an embedding step, the preview also shows what a run would cost: the CLI's {@code estimate}, composing
     * the texts of {@code sample} records as a run would and extrapolating to the whole input (which it counts).
     */
    private void addEstimate(Map<String, Object> out, Engine engine, Path jobFile, int sample) {
        try {
            out.put("estimate", new Estimator(engine).estimate(jobFile, sample).toReport());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            out.put("estimateError", masker.mask(String.valueOf(e.getMessage())));
        }
    }

    private boolean embeds(String json) {
        try {
            for (com.fasterxml.jackson.databind.JsonNode step : mapper.readTree(json).path("steps")) {
                if ("embedding-transformer".equals(step.path("stepType").asText())) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** The job as it will run: local paths confined, written under .console/tmp/&lt;uuid&gt;/&lt;name&gt;.json. */
    Path writeScratchJob(String json, String name) {
        String confined = confineLocalPaths(json);
        try {
            Path dir = Files.createDirectories(workDir.tmp().resolve(UUID.randomUUID().toString()));
            Path file = dir.resolve(jobName(name) + ".json");
            Files.writeString(file, confined);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The localfile steps' {@code path} parameters, resolved against the work directory and refused outside it:
     * a job started from the console reads and writes local files only there.
     */
    String confineLocalPaths(String json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            return json; // the parser reports malformed JSON with its line and column
        }
        if (root == null || !(root.get("steps") instanceof ArrayNode steps)) {
            return json;
        }
        List<JobIssue> problems = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            if (!"localfile".equals(step.path("stepType").asText()) || !(step.get("parameter") instanceof ObjectNode p)) {
                continue;
            }
            JsonNode path = p.get("path");
            String at = "$.steps[" + i + "].parameter.path";
            if (path instanceof TextNode t) {
                p.put("path", confined(t.asText(), at, problems));
            } else if (path instanceof ArrayNode list) {
                for (int j = 0; j < list.size(); j++) {
                    if (list.get(j).isTextual()) {
                        list.set(j, TextNode.valueOf(confined(list.get(j).asText(), at + "[" + j + "]", problems)));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidJob(issues(problems));
        }
        return root.toPrettyString();
    }

    private String confined(String path, String at, List<JobIssue> problems) {
        if (path.contains("${")) {
            return path; // resolved later from script parameters; the CLI checks it then
        }
        try {
            return workDir.confine(path).toString();
        } catch (ConsoleException e) {
            problems.add(new JobIssue(at, e.getMessage()));
            return path;
        }
    }

    private JobParser parser() {
        return new JobParser(Map.of(), System.getenv(), Datasources.load(datasources()));
    }

    private Path datasources() {
        return workDir.datasourcesFile();
    }

    static String jobName(String name) {
        return name == null || name.isBlank() ? "console-job" : WorkDir.name(name, "job");
    }

    private static List<Map<String, Object>> fields(List<Field> fields) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Field f : fields) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("type", f.type().toString());
            out.add(m);
        }
        return out;
    }

    private List<Map<String, Object>> issues(List<JobIssue> issues) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JobIssue i : issues) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", i.path());
            m.put("message", masker.mask(i.message()));
            out.add(m);
        }
        return out;
    }

    /** A preview cell: vectors become {dimension, norm, head}, everything else its display text or value. */
    private static Object cell(Object v) {
        if (v instanceof float[] f) {
            double sum = 0;
            List<Float> head = new ArrayList<>();
            for (int i = 0; i < f.length; i++) {
                sum += (double) f[i] * f[i];
                if (i < 6) {
                    head.add(f[i]);
                }
            }
            return Map.of("vector", true, "dimension", f.length, "norm", Math.sqrt(sum), "head", head);
        }
        if (v instanceof SparseVector s) {
            return Map.of("sparse", true, "text", Values.toDisplayString(s, 6));
        }
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        return Values.toDisplayString(v, 8);
    }

    /** An invalid job found before the core ran: answered 422 with the issues. */
    static final class InvalidJob extends RuntimeException {
        final List<Map<String, Object>> issues;

        InvalidJob(List<Map<String, Object>> issues) {
            super("invalid job");
            this.issues = issues;
        }
    }
}
