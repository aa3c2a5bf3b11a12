package io.vectorsync.core.job;

import io.vectorsync.core.datax.DataxTransformerFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DataX's {@code transformer} list: each entry {@code {"name": "dx_substr", "parameter": {"columnIndex": 1, "paras":
 * ["0", "4"]}}} becomes a step of the built-in type of that name ({@link DataxTransformerFactory}), in list order,
 * between the reader and the writer. {@code dx_groovy} and names DataX does not have are refused by name, rather than
 * skipped: a job that silently stopped filtering or masking its rows would write the wrong data.
 */
final class DataxTransformers {
    private DataxTransformers() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> translate(List<?> transformers, String path, List<JobIssue> issues) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int i = 0; i < transformers.size(); i++) {
            String at = path + "[" + i + "]";
            if (!(transformers.get(i) instanceof Map<?, ?> t)) {
                issues.add(new JobIssue(at,
                        "must be {\"name\": \"dx_…\", \"parameter\": {\"columnIndex\": n, \"paras\": […]}}"));
                continue;
            }
            JobKeys.check((Map<String, Object>) t, at, java.util.Set.of("name", "parameter"), JobKeys.NONE, issues,
                    new ArrayList<>());
            Object name = t.get("name");
            if (!(name instanceof String n) || !DataxTransformerFactory.NAMES.contains(n)) {
                issues.add(new JobIssue(at + ".name", "DataX transformer " + (name == null ? "" : "\"" + name + "\" ")
                        + "is not supported here: " + advice(name == null ? "" : name.toString())));
                continue;
            }
            Object parameter = t.get("parameter");
            if (!(parameter instanceof Map<?, ?> p)) {
                issues.add(new JobIssue(at + ".parameter", "required: {\"columnIndex\": n, \"paras\": […]}"));
                continue;
            }
            Map<String, Object> params = new LinkedHashMap<>((Map<String, Object>) p);
            if (params.get("paras") instanceof List<?> paras) {
                // DataX wants strings; a number written as a JSON number means the same
                params.put("paras", paras.stream().map(v -> v == null ? null : v.toString()).toList());
            }
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("stepType", n);
            step.put("category", "flatmap");
            step.put("name", n + "#" + i);
            step.put("parameter", params);
            steps.add(step);
        }
        return steps;
    }

    private static String advice(String name) {
        return name.equals("dx_groovy") ? "this engine runs no Groovy; use " + DataxTransformerFactory.NAMES
                + ", or convert the job to the DataWorks form (\"steps\") and add a transformer step"
                : "DataX's transformers that run here are " + DataxTransformerFactory.NAMES;
    }
}
