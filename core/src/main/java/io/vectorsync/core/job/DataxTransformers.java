package io.vectorsync.core.job;

import java.util.List;
import java.util.Map;

/**
 * DataX's {@code transformer} list ({@code dx_substr}, {@code dx_pad}, {@code dx_replace}, {@code dx_filter},
 * {@code dx_digest}, {@code dx_groovy}) is not run here. Each entry is refused by name, with what to do instead,
 * rather than skipped: a job that silently stopped filtering or masking its rows would write the wrong data.
 */
final class DataxTransformers {
    private DataxTransformers() {
    }

    static void refuse(List<?> transformers, String path, List<JobIssue> issues) {
        for (int i = 0; i < transformers.size(); i++) {
            Object name = transformers.get(i) instanceof Map<?, ?> t ? t.get("name") : null;
            issues.add(new JobIssue(path + "[" + i + "]" + (name == null ? "" : ".name"),
                    "DataX transformer " + (name == null ? "" : "\"" + name + "\" ") + "is not supported here: "
                            + advice(name == null ? "" : name.toString())
                            + "; remove the \"transformer\" list, or convert the job to the DataWorks form "
                            + "(\"steps\") and add a transformer step"));
        }
    }

    private static String advice(String name) {
        return switch (name) {
            case "dx_substr", "dx_pad", "dx_replace" -> "change the column in the source (a SQL view, a MaxCompute "
                    + "where) or after loading";
            case "dx_filter" -> "filter in the source (odps \"where\", a partition) so the rows are never read";
            case "dx_digest" -> "compute the digest in the source or after loading";
            case "dx_groovy" -> "Groovy code is not run by this engine";
            default -> "DataX's own transformers are dx_substr, dx_pad, dx_replace, dx_filter, dx_digest, dx_groovy, "
                    + "and none of them runs here";
        };
    }
}
