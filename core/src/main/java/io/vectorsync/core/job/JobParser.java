package io.vectorsync.core.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.config.Suggestions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a DataWorks code-editor job (version 2.0): resolves {@code ${name}} parameters, merges datasources
 * into steps, checks the envelope (one reader first, one writer last, transformers between, hops naming real
 * steps) and reads the settings. Collects every problem before throwing one {@link InvalidJobException}.
 * Plugin parameters are checked later, against each plugin's declared spec.
 */
public final class JobParser {
    private final ObjectMapper mapper;
    private final Map<String, String> scriptParameters;
    private final Map<String, String> environment;
    private final Datasources datasources;

    public JobParser(ObjectMapper mapper, Map<String, String> scriptParameters, Map<String, String> environment,
                     Datasources datasources) {
        this.mapper = mapper;
        this.scriptParameters = scriptParameters;
        this.environment = environment;
        this.datasources = datasources;
    }

    @SuppressWarnings("unchecked")
    public JobSpec parse(String name, String json) {
        Object root;
        try {
            root = mapper.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new InvalidJobException("$", "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (!(root instanceof Map<?, ?>)) {
            throw new InvalidJobException("$", "a job must be a JSON object with \"steps\"");
        }
        List<JobIssue> issues = new ArrayList<>();
        Placeholders placeholders = new Placeholders(scriptParameters, environment);
        Map<String, Object> job = (Map<String, Object>) placeholders.resolve(root, "$");

        Object type = job.get("type");
        if (type != null && !"job".equals(type)) {
            issues.add(new JobIssue("$.type", "must be \"job\", was \"" + type + "\""));
        }
        Object version = job.get("version");
        if (version != null && !"2.0".equals(String.valueOf(version))) {
            issues.add(new JobIssue("$.version", "only version \"2.0\" (DataWorks' code-editor format) is supported, was \""
                    + version + "\""));
        }
        List<StepSpec> steps = parseSteps(job.get("steps"), issues, placeholders);
        checkOrder(steps, issues);
        checkHops(job.get("order"), steps, issues);
        Settings settings = parseSettings(job.get("setting"), issues);

        if (!placeholders.missing().isEmpty()) {
            StringBuilder sb = new StringBuilder("unresolved script parameters: ");
            placeholders.missing().forEach((n, p) -> sb.append("${").append(n).append("} (at ").append(p).append("), "));
            sb.setLength(sb.length() - 2);
            sb.append("; pass each with -p name=value or set an environment variable of that name");
            issues.add(0, new JobIssue("$", sb.toString()));
        }
        if (!issues.isEmpty()) {
            throw new InvalidJobException(issues);
        }
        return new JobSpec(name, steps, settings);
    }

    @SuppressWarnings("unchecked")
    private List<StepSpec> parseSteps(Object stepsValue, List<JobIssue> issues, Placeholders placeholders) {
        List<StepSpec> steps = new ArrayList<>();
        if (!(stepsValue instanceof List<?> list) || list.isEmpty()) {
            issues.add(new JobIssue("$.steps", "required: a list of steps (one reader, any transformers, one writer)"));
            return steps;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "$.steps[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?>)) {
                issues.add(new JobIssue(path, "a step must be a JSON object"));
                continue;
            }
            Map<String, Object> step = (Map<String, Object>) list.get(i);
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
                stepName = st;
            }
            if (!names.add(stepName)) {
                stepName = stepName + "#" + i;
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

    private static void checkOrder(List<StepSpec> steps, List<JobIssue> issues) {
        if (steps.isEmpty()) {
            return;
        }
        long readers = steps.stream().filter(s -> s.category() == StepCategory.READER).count();
        long writers = steps.stream().filter(s -> s.category() == StepCategory.WRITER).count();
        if (readers != 1) {
            issues.add(new JobIssue("$.steps", "a job needs exactly one reader step, found " + readers));
        } else if (steps.get(0).category() != StepCategory.READER) {
            issues.add(new JobIssue(steps.get(0).path(), "the first step must be the reader (records flow through the "
                    + "steps in array order)"));
        }
        if (writers != 1) {
            issues.add(new JobIssue("$.steps", "a job needs exactly one writer step, found " + writers));
        } else if (steps.get(steps.size() - 1).category() != StepCategory.WRITER) {
            issues.add(new JobIssue(steps.get(steps.size() - 1).path(), "the last step must be the writer"));
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkHops(Object order, List<StepSpec> steps, List<JobIssue> issues) {
        if (!(order instanceof Map<?, ?> map) || !(((Map<String, Object>) map).get("hops") instanceof List<?> hops)) {
            return; // optional: records follow the steps' array order
        }
        Set<String> names = new HashSet<>();
        steps.forEach(s -> names.add(s.name()));
        for (int i = 0; i < hops.size(); i++) {
            if (!(hops.get(i) instanceof Map<?, ?> hop)) {
                issues.add(new JobIssue("$.order.hops[" + i + "]", "must be {\"from\": step, \"to\": step}"));
                continue;
            }
            for (String end : List.of("from", "to")) {
                Object n = hop.get(end);
                if (n == null || !names.contains(n.toString())) {
                    String suggestion = n == null ? null : Suggestions.closest(n.toString(), names);
                    issues.add(new JobIssue("$.order.hops[" + i + "]." + end, (n == null ? "missing" : "no step named \""
                            + n + "\"") + (suggestion != null ? "; did you mean \"" + suggestion + "\"?"
                            : "; steps are " + names)));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Settings parseSettings(Object value, List<JobIssue> issues) {
        Settings d = Settings.defaults();
        if (value == null) {
            return d;
        }
        if (!(value instanceof Map<?, ?>)) {
            issues.add(new JobIssue("$.setting", "must be a JSON object"));
            return d;
        }
        Map<String, Object> setting = (Map<String, Object>) value;
        Map<String, Object> speed = asMap(setting.get("speed"), "$.setting.speed", issues);
        Map<String, Object> errorLimit = asMap(setting.get("errorLimit"), "$.setting.errorLimit", issues);
        Number concurrent = number(speed.containsKey("concurrent") ? speed.get("concurrent") : speed.get("channel"),
                "$.setting.speed.concurrent", issues);
        int streams = concurrent == null ? 1 : concurrent.intValue();
        if (streams < 1 || streams > 256) {
            issues.add(new JobIssue("$.setting.speed.concurrent", "must be between 1 and 256, was " + streams));
            streams = 1;
        }
        Object throttleValue = speed.get("throttle");
        boolean throttle = throttleValue != null && Boolean.parseBoolean(throttleValue.toString());
        Number mbps = number(speed.get("mbps"), "$.setting.speed.mbps", issues);
        Number record = number(speed.get("record"), "$.setting.speed.record", issues);
        if (throttle && (mbps == null || mbps.doubleValue() <= 0) && record == null) {
            issues.add(new JobIssue("$.setting.speed.mbps", "\"throttle\": true needs \"mbps\" (MB/s for the whole job)"));
        }
        Number errorRecords = number(errorLimit.get("record"), "$.setting.errorLimit.record", issues);
        Number errorPercentage = number(errorLimit.get("percentage"), "$.setting.errorLimit.percentage", issues);
        if (errorPercentage != null && (errorPercentage.doubleValue() < 0 || errorPercentage.doubleValue() > 1)) {
            issues.add(new JobIssue("$.setting.errorLimit.percentage", "must be a fraction between 0 and 1 (0.02 = 2%)"));
        }
        return new Settings(streams, throttle, throttle && mbps != null ? mbps.doubleValue() : 0,
                record == null ? 0 : record.longValue(),
                errorRecords == null ? null : errorRecords.longValue(),
                errorPercentage == null ? null : errorPercentage.doubleValue());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object v, String path, List<JobIssue> issues) {
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        issues.add(new JobIssue(path, "must be a JSON object"));
        return Map.of();
    }

    private static Number number(Object v, String path, List<JobIssue> issues) {
        if (v == null || (v instanceof String s && s.isBlank())) {
            return null;
        }
        if (v instanceof Number n) {
            return n;
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            issues.add(new JobIssue(path, "expected a number, was \"" + v + "\""));
            return null;
        }
    }
}
