package io.vectorsync.core.job;

import java.util.Map;

/**
 * One entry of {@code steps}: its type, role, name and parameters (placeholders resolved, datasource merged).
 *
 * @param path    JSON path of the step, e.g. {@code $.steps[1]}, for messages
 * @param origins for parameters that came from a datasource entry, where they came from
 *                ({@code datasources.json: Milvus_Source.token}); parameters of the step itself are absent
 */
public record StepSpec(int index, String stepType, StepCategory category, String name, Map<String, Object> parameters,
                       String path, Map<String, String> origins) {

    /** Where parameter {@code key} was given, for messages. */
    public String parameterPath(String key) {
        String origin = origins.get(key);
        return origin != null ? origin : path + ".parameter." + key;
    }
}
