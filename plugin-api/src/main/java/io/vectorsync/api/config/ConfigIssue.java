package io.vectorsync.api.config;

import java.util.Objects;

/**
 * One problem with a step's parameters. {@code key} is the parameter name, or a path inside it such as
 * {@code column[2].type}; the core prefixes the JSON path of the step.
 */
public record ConfigIssue(String key, String message) {
    public ConfigIssue {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return "\"" + key + "\": " + message;
    }
}
