package io.vectorsync.api.config;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * A step's parameters, validated and typed. Read-only; a plugin sees its own step's parameters and nothing
 * else of the job.
 */
public final class PluginConfig {
    private final String stepName;
    private final ConfigSpec spec;
    private final Map<Option<?>, Object> values;
    private final Map<String, Object> raw;

    PluginConfig(String stepName, ConfigSpec spec, Map<Option<?>, Object> values, Map<String, Object> raw) {
        this.stepName = stepName;
        this.spec = spec;
        this.values = Collections.unmodifiableMap(values);
        this.raw = Collections.unmodifiableMap(raw);
    }

    /** The step's {@code name} in the job (for messages). */
    public String stepName() {
        return stepName;
    }

    public ConfigSpec spec() {
        return spec;
    }

    /** The value, or the option's default (which may be {@code null}). */
    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        Object v = values.get(option);
        return v != null ? (T) v : option.defaultValue();
    }

    /** The value if the job set it (defaults do not count). */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> getIfSet(Option<T> option) {
        return Optional.ofNullable((T) values.get(option));
    }

    public boolean isSet(Option<?> option) {
        return values.containsKey(option);
    }

    /**
     * Every parameter as given in the job, as JSON values (String, Number, Boolean, List, Map). For nested
     * structures a plugin validates itself, and for handing parameters on to a model provider.
     */
    public Map<String, Object> raw() {
        return raw;
    }

    /** The parameters as given, as JSON text, with secret values (nested ones too) masked. */
    @Override
    public String toString() {
        return JsonText.of(spec.masked(raw));
    }
}
