package io.vectorsync.core.job;

import io.vectorsync.api.config.Suggestions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Parses a DataWorks code-editor job (version 2.0), or a DataX job translated to one ({@link DataxJob}): reads it
 * strictly ({@link JobJson}), resolves {@code ${name}} parameters and scheduling expressions ({@link Placeholders}),
 * merges datasources into steps, checks the envelope (known keys only, one reader first, one or more writers last,
 * transformers between, unique step names, hops agreeing with the steps: {@link JobOrder}) and reads the settings.
 * Collects every problem before throwing one {@link InvalidJobException}. Plugin parameters are checked later,
 * against each plugin's declared spec.
 */
public final class JobParser {
    private final Map<String, String> scriptParameters;
    private final Map<String, String> environment;
    private final Datasources datasources;
    private final SchedulingTime schedulingTime;

    /** A parser whose scheduling expressions ({@code $[yyyymmdd-1]}, {@code $bizdate}…) see the current time. */
    public JobParser(Map<String, String> scriptParameters, Map<String, String> environment, Datasources datasources) {
        this(scriptParameters, environment, datasources, SchedulingTime.now());
    }

    public JobParser(Map<String, String> scriptParameters, Map<String, String> environment, Datasources datasources,
                     SchedulingTime schedulingTime) {
        this.scriptParameters = scriptParameters;
        this.environment = environment;
        this.datasources = datasources;
        this.schedulingTime = schedulingTime;
    }

    /** Reads and parses a job file (at most {@link JobJson#MAX_FILE_BYTES}); the job is named after the file. */
    public JobSpec parse(Path jobFile) {
        String json = JobJson.readFile(jobFile, "job file");
        return parse(jobFile.getFileName().toString().replaceFirst("\\.json$", ""), json);
    }

    @SuppressWarnings("unchecked")
    public JobSpec parse(String name, String json) {
        Object root = JobJson.parse(json, "$", "job");
        if (!(root instanceof Map<?, ?>)) {
            throw new InvalidJobException("$", "a job must be a JSON object with \"steps\"");
        }
        List<JobIssue> issues = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        Placeholders placeholders = new Placeholders(scriptParameters, environment, schedulingTime);
        Map<String, Object> job = (Map<String, Object>) placeholders.resolve(root, "$");
        boolean datax = DataxJob.isDatax(job);
        DataxJob dataxJob = datax ? new DataxJob(issues, ignored) : null;
        if (datax) {
            job = dataxJob.translate(job); // paths in messages stay DataX's own
        }
        UnaryOperator<String> paths = datax ? dataxJob::originalPath : UnaryOperator.identity();
        if (!datax) {
            JobKeys.check(job, "$", JobKeys.TOP, JobKeys.TOP_IGNORED, issues, ignored);
        }

        Object type = job.get("type");
        if (type != null && !"job".equals(type)) {
            issues.add(new JobIssue("$.type", "must be \"job\", was \"" + type + "\""));
        }
        Object version = job.get("version");
        if (version != null && !"2.0".equals(String.valueOf(version))) {
            issues.add(new JobIssue("$.version", "only version \"2.0\" (DataWorks' code-editor format) is supported, was \""
                    + version + "\""));
        }
        // a DataX job whose reader or writer could not be translated has no steps: the translation said why
        boolean untranslated = datax && job.get("steps") instanceof List<?> l && l.isEmpty();
        List<StepSpec> steps = untranslated ? List.of() : parseSteps(job.get("steps"), issues, ignored, placeholders,
                paths);
        JobOrder.checkSteps(steps, issues);
        JobOrder.checkHops(job.get("order"), steps, issues);
        Settings settings = new SettingsParser(issues, ignored).parse(job.get("setting"));

        issues.addAll(0, placeholders.issues());
        if (!placeholders.missing().isEmpty()) {
            StringBuilder sb = new StringBuilder("unresolved script parameters: ");
            placeholders.missing().forEach((n, p) -> sb.append("${").append(n).append("} (at ").append(p).append("), "));
            sb.setLength(sb.length() - 2);
            sb.append("; pass each with -p name=value or set an environment variable of that name");
            issues.add(0, new JobIssue("$", sb.toString()));
        }
        if (!issues.isEmpty()) {
            throw new InvalidJobException(issues.stream().map(i -> new JobIssue(paths.apply(i.path()), i.message()))
                    .toList());
        }
        return new JobSpec(name, steps, settings, ignored.stream().map(paths).toList());
    }

    @SuppressWarnings("unchecked")
    private List<StepSpec> parseSteps(Object stepsValue, List<JobIssue> issues, List<String> ignored,
                                      Placeholders placeholders, UnaryOperator<String> paths) {
        List<StepSpec> steps = new ArrayList<>();
        if (!(stepsValue instanceof List<?> list) || list.isEmpty()) {
            issues.add(new JobIssue("$.steps", "required: a list of steps (one reader, any transformers, one writer)"));
            return steps;
        }
        Map<String, Integer> explicitNames = explicitNames(list, issues);
        Set<String> names = new HashSet<>(explicitNames.keySet());
        for (int i = 0; i < list.size(); i++) {
            String path = paths.apply("$.steps[" + i + "]");
            if (!(list.get(i) instanceof Map<?, ?>)) {
                issues.add(new JobIssue(path, "a step must be a JSON object"));
                continue;
            }
            Map<String, Object> step = (Map<String, Object>) list.get(i);
            JobKeys.check(step, path, JobKeys.STEP, JobKeys.STEP_IGNORED, issues, ignored);
            Object stepType = step.get("stepType");
            if (!(stepType instanceof String st) || st.isBlank()) {
                issues.add(new JobIssue(path + ".stepType", "required: the plugin to run, e.g. \"oss\", \"milvus\""));
                continue;
            }
            Object categoryValue = step.get("category");
            StepCategory category = StepCategory.parse(categoryValue == null ? null : categoryValue.toString());
            if (category == null) {
                issues.add(new JobIssue(path + ".category", "must be \"reader\", \"writer\", \"map\" or \"flatmap\", was "
                        + (categoryValue == null ? "missing" : "\"" + categoryValue + "\"")));
                continue;
            }
            String stepName = firstText(step, "name", "displayName");
            if (stepName == null) {
                // unnamed steps are named after their type, made unique: "embedding-transformer#2"
                stepName = names.add(st) ? st : st + "#" + i;
            }
            Object parameterValue = step.getOrDefault("parameter", Map.of());
            if (!(parameterValue instanceof Map<?, ?>)) {
                issues.add(new JobIssue(path + ".parameter", "must be a JSON object"));
                continue;
            }
            Map<String, Object> parameters = new LinkedHashMap<>((Map<String, Object>) parameterValue);
            Map<String, String> origins = new LinkedHashMap<>();
            String datasourceType = mergeDatasource(parameters, origins, st, path, issues, placeholders);
            st = OpenSearchEdition.stepType(st, category, datasourceType, parameters);
            steps.add(new StepSpec(i, st, category, stepName, parameters, path, origins));
        }
        return steps;
    }

    /**
     * The names steps give themselves ({@code name}, else {@code displayName}), each with its index. Hops and
     * messages refer to steps by name, so two steps with one name are an error naming both.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Integer> explicitNames(List<?> steps, List<JobIssue> issues) {
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Map<?, ?> step) {
                String name = firstText((Map<String, Object>) step, "name", "displayName");
                Integer first = name == null ? null : names.putIfAbsent(name, i);
                if (first != null) {
                    String key = ((Map<String, Object>) step).get("name") instanceof String ? "name" : "displayName";
                    issues.add(new JobIssue("$.steps[" + i + "]." + key, "duplicate step name \"" + name
                            + "\": $.steps[" + first + "] and $.steps[" + i + "] are both named so; give each step its own name"));
                }
            }
        }
        return names;
    }

    private static String firstText(Map<String, Object> step, String... keys) {
        for (String k : keys) {
            Object v = step.get(k);
            if (v instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    /**
     * Replaces {@code "datasource": "Name"} by the entry's keys; keys given in the step itself win. The
     * entry's {@code type} must match the step's type when given.
     */
    @SuppressWarnings("unchecked")
    private String mergeDatasource(Map<String, Object> parameters, Map<String, String> origins, String stepType,
                                 String path, List<JobIssue> issues, Placeholders placeholders) {
        Object ds = parameters.get("datasource");
        if (ds == null) {
            return null;
        }
        String dsPath = path + ".parameter.datasource";
        if (!(ds instanceof String dsName) || dsName.isBlank()) {
            issues.add(new JobIssue(dsPath, "must be the name of a datasource"));
            return null;
        }
        parameters.remove("datasource");
        if (!datasources.exists()) {
            issues.add(new JobIssue(dsPath, "datasource \"" + dsName + "\" cannot be resolved: no datasources file at "
                    + datasources.file() + "; pass --datasources FILE or give the connection keys inline in the step"));
            return null;
        }
        Map<String, Object> entry = datasources.get(dsName).orElse(null);
        if (entry == null) {
            String suggestion = Suggestions.closest(dsName, datasources.names());
            issues.add(new JobIssue(dsPath, "unknown datasource \"" + dsName + "\" in " + datasources.file()
                    + (suggestion != null ? "; did you mean \"" + suggestion + "\"?" : "; defined: " + datasources.names())));
            return null;
        }
        String entryPath = datasources.file().getFileName() + ": " + dsName;
        Map<String, Object> resolved = (Map<String, Object>) placeholders.resolve(entry, entryPath);
        Object type = resolved.get("type");
        if (type != null && !sameType(type.toString(), stepType)) {
            issues.add(new JobIssue(dsPath, "datasource \"" + dsName + "\" is of type \"" + type
                    + "\" but the step is \"" + stepType + "\""));
        }
        for (Map.Entry<String, Object> e : resolved.entrySet()) {
            if (e.getKey().equals("type") || parameters.containsKey(e.getKey())) {
                continue;
            }
            parameters.put(e.getKey(), e.getValue());
            origins.put(e.getKey(), entryPath + "." + e.getKey());
        }
        return type == null ? null : type.toString();
    }

    private static boolean sameType(String datasourceType, String stepType) {
        String a = datasourceType.toLowerCase(java.util.Locale.ROOT);
        String b = stepType.toLowerCase(java.util.Locale.ROOT);
        return a.equals(b) || (a.startsWith("holo") && b.startsWith("holo")) || (a.equals("maxcompute") && b.equals("odps"))
                || ((b.equals("opensearch") || OpenSearchEdition.isVectorEdition(b)) && OpenSearchEdition.isVectorEdition(a));
    }
}
