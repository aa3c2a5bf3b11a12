package io.vectorsync.core.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a DataX job ({@code {"job": {"setting": {…}, "content": [{"reader": {"name": "streamreader", "parameter":
 * {…}}, "writer": {…}}]}}}) into the DataWorks code-editor form the rest of the core reads: DataX's plugin names
 * become our step types ({@link DataxPlugins}), its {@code transformer} list becomes built-in steps
 * ({@link DataxTransformers}), its parameter spellings are mapped where ours differ, and
 * {@code speed.channel}/{@code speed.byte}/{@code errorLimit} become our settings. Problems are collected as
 * {@link JobIssue}s at DataX's own paths ({@code $.job.content[0].reader.name}); {@link #originalPath} maps the
 * paths of later checks back the same way, so a DataX user never sees a path that is not in their file.
 */
final class DataxJob {
    static final String READER_PATH = "$.job.content[0].reader";
    static final String WRITER_PATH = "$.job.content[0].writer";
    private static final Set<String> ROOT = Set.of("job");
    /** DataX's engine settings beside the job (core.json overrides, the JVM line): no effect here. */
    private static final Set<String> ROOT_IGNORED = Set.of("core", "entry", "common", "plugin");
    private static final Set<String> JOB = Set.of("setting", "content");
    private static final Set<String> SETTING = Set.of("speed", "errorLimit");
    private static final Set<String> SETTING_IGNORED = Set.of("dirty", "jobId");
    private static final Set<String> SPEED = Set.of("channel", "byte", "record");
    private static final Set<String> ERROR_LIMIT = Set.of("record", "percentage");
    private static final Set<String> CONTENT = Set.of("reader", "writer", "transformer");
    private static final Set<String> PLUGIN = Set.of("name", "parameter");

    private static final Pattern STEP_PATH = Pattern.compile("^\\$\\.steps\\[(\\d+)](.*)$");

    private final List<JobIssue> issues;
    private final List<String> ignored;
    private int transformerCount;

    DataxJob(List<JobIssue> issues, List<String> ignored) {
        this.issues = issues;
        this.ignored = ignored;
    }

    /** A DataX job has a top-level {@code job} object and no DataWorks {@code steps}. */
    static boolean isDatax(Object root) {
        return root instanceof Map<?, ?> map && map.get("job") instanceof Map<?, ?> && !map.containsKey("steps");
    }

    /**
     * The DataX path a path of the translated job stands for: {@code $.steps[0]} is the reader, the next ones the
     * entries of {@code transformer}, the last one the writer ({@code $.steps[1].parameter.x} →
     * {@code $.job.content[0].writer.parameter.x} without transformers); {@code $.setting.speed.concurrent} →
     * {@code $.job.setting.speed.channel}.
     */
    String originalPath(String path) {
        Matcher m = STEP_PATH.matcher(path);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(1));
            String rest = m.group(2);
            if (i == 0) {
                return READER_PATH + rest;
            }
            return (i <= transformerCount ? "$.job.content[0].transformer[" + (i - 1) + "]" : WRITER_PATH) + rest;
        }
        if (path.startsWith("$.setting")) {
            return "$.job" + path.substring(1).replace(".speed.concurrent", ".speed.channel")
                    .replace(".speed.mbps", ".speed.byte");
        }
        return path.equals("$.steps") ? "$.job.content[0]" : path;
    }

    /** The job in DataWorks form: a reader step, a writer step and the settings. */
    @SuppressWarnings("unchecked")
    Map<String, Object> translate(Map<String, Object> root) {
        JobKeys.check(root, "$", ROOT, ROOT_IGNORED, issues, ignored);
        Map<String, Object> job = (Map<String, Object>) root.get("job");
        JobKeys.check(job, "$.job", JOB, JobKeys.NONE, issues, ignored);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "job");
        out.put("version", "2.0");
        out.put("steps", steps(job.get("content")));
        Object setting = job.get("setting");
        if (setting != null) {
            out.put("setting", setting instanceof Map<?, ?> s ? setting((Map<String, Object>) s) : setting);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<Object> steps(Object contentValue) {
        List<Object> steps = new ArrayList<>();
        if (!(contentValue instanceof List<?> content) || content.isEmpty()) {
            issues.add(new JobIssue("$.job.content",
                    "required: a list with one {\"reader\": {…}, \"writer\": {…}}"));
            return steps;
        }
        if (content.size() > 1) {
            issues.add(new JobIssue("$.job.content", "holds " + content.size() + " entries; DataX runs only the "
                    + "first, so give one reader and one writer (run one job per table)"));
        }
        if (!(content.get(0) instanceof Map<?, ?> entryValue)) {
            issues.add(new JobIssue("$.job.content[0]", "must be {\"reader\": {…}, \"writer\": {…}}"));
            return steps;
        }
        Map<String, Object> entry = (Map<String, Object>) entryValue;
        JobKeys.check(entry, "$.job.content[0]", CONTENT, JobKeys.NONE, issues, ignored);
        Map<String, Object> reader = step(entry.get("reader"), READER_PATH, "reader");
        Map<String, Object> writer = step(entry.get("writer"), WRITER_PATH, "writer");
        Object transformers = entry.get("transformer");
        List<Map<String, Object>> middle = List.of();
        if (transformers instanceof List<?> list) {
            middle = DataxTransformers.translate(list, "$.job.content[0].transformer", issues);
        } else if (transformers != null) {
            issues.add(new JobIssue("$.job.content[0].transformer", "must be a list of {\"name\", \"parameter\"}"));
        }
        if (reader != null && writer != null && (!(transformers instanceof List<?> l) || middle.size() == l.size())) {
            transformerCount = middle.size();
            steps.add(reader);
            steps.addAll(middle);
            steps.add(writer);
        }
        return steps;
    }

    /** One DataX plugin entry as a step: our step type, parameters with DataX's spellings mapped. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> step(Object value, String path, String category) {
        if (!(value instanceof Map<?, ?> map)) {
            issues.add(new JobIssue(path, "required: {\"name\": \"<datax plugin>\", \"parameter\": {…}}"));
            return null;
        }
        Map<String, Object> plugin = (Map<String, Object>) map;
        JobKeys.check(plugin, path, PLUGIN, JobKeys.NONE, issues, ignored);
        Object name = plugin.get("name");
        DataxPlugins.Mapping mapping = name instanceof String n ? DataxPlugins.find(n, category) : null;
        if (mapping == null) {
            issues.add(new JobIssue(path + ".name", DataxPlugins.unsupported(name, category)));
            return null;
        }
        Object parameter = plugin.getOrDefault("parameter", Map.of());
        if (!(parameter instanceof Map<?, ?> p)) {
            issues.add(new JobIssue(path + ".parameter", "must be a JSON object"));
            return null;
        }
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("stepType", mapping.stepType());
        step.put("category", category);
        step.put("name", category.equals("reader") ? "Reader" : "Writer");
        step.put("parameter", mapping.parameters((Map<String, Object>) p, path + ".parameter", issues, ignored));
        return step;
    }

    /** DataX's {@code speed.channel} and {@code speed.byte} (bytes/s) as our {@code concurrent} and {@code mbps}. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> setting(Map<String, Object> setting) {
        JobKeys.check(setting, "$.job.setting", SETTING, SETTING_IGNORED, issues, ignored);
        Map<String, Object> out = new LinkedHashMap<>();
        if (setting.get("speed") instanceof Map<?, ?> speedValue) {
            Map<String, Object> speed = (Map<String, Object>) speedValue;
            JobKeys.check(speed, "$.job.setting.speed", SPEED, JobKeys.NONE, issues, ignored);
            Map<String, Object> ours = new LinkedHashMap<>();
            if (speed.get("channel") != null) {
                ours.put("concurrent", speed.get("channel"));
            }
            if (speed.get("record") != null) {
                ours.put("record", speed.get("record"));
            }
            Object bytes = speed.get("byte");
            if (bytes != null) {
                Double perSecond = bytesPerSecond(bytes);
                if (perSecond == null) {
                    issues.add(new JobIssue("$.job.setting.speed.byte", "expected a number of bytes per second, was "
                            + bytes));
                } else if (perSecond > 0) { // DataX: byte > 0 turns the limit on; -1 or 0 means none
                    ours.put("throttle", true);
                    ours.put("mbps", perSecond / (1024 * 1024));
                }
            }
            out.put("speed", ours);
        } else if (setting.get("speed") != null) {
            out.put("speed", setting.get("speed"));
        }
        if (setting.get("errorLimit") instanceof Map<?, ?> limitValue) {
            JobKeys.check((Map<String, Object>) limitValue, "$.job.setting.errorLimit", ERROR_LIMIT, JobKeys.NONE,
                    issues, ignored);
            out.put("errorLimit", limitValue);
        } else if (setting.get("errorLimit") != null) {
            out.put("errorLimit", setting.get("errorLimit"));
        }
        return out;
    }

    private static Double bytesPerSecond(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
