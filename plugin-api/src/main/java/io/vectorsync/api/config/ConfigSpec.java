package io.vectorsync.api.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The declared parameters of one plugin. The core validates a step's parameters against it before the plugin
 * is created, reporting every problem at once (unknown keys with a did-you-mean, missing required keys, values
 * of the wrong type or failing a check), and renders the plugin's docs from it.
 */
public final class ConfigSpec {
    private final List<Option<?>> options;
    private final Map<String, Option<?>> byKey;
    private final Option<String> modelProviderOption;

    private ConfigSpec(List<Option<?>> options, Option<String> modelProviderOption) {
        this.options = List.copyOf(options);
        Map<String, Option<?>> keys = new LinkedHashMap<>();
        for (Option<?> o : this.options) {
            register(keys, o.key(), o);
            for (String alias : o.aliases()) {
                register(keys, alias, o);
            }
        }
        this.byKey = Collections.unmodifiableMap(keys);
        this.modelProviderOption = modelProviderOption;
    }

    private static void register(Map<String, Option<?>> keys, String key, Option<?> o) {
        if (keys.putIfAbsent(key, o) != null) {
            throw new IllegalArgumentException("parameter \"" + key + "\" is declared twice");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Option<?>> options() {
        return options;
    }

    public Optional<Option<?>> option(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** Every accepted key, aliases included. */
    public Set<String> keys() {
        return byKey.keySet();
    }

    /**
     * For the embedding step: the option whose value names a model provider plugin. Parameters this spec does
     * not know are then checked against that provider's spec instead of being reported as unknown.
     */
    public Optional<Option<String>> modelProviderOption() {
        return Optional.ofNullable(modelProviderOption);
    }

    /** Validates {@code raw} (a step's {@code parameter} object). */
    public List<ConfigIssue> validate(Map<String, Object> raw) {
        return validate(raw, Set.of());
    }

    /**
     * Validates {@code raw}, accepting also the keys in {@code alsoKnown} (a delegate's parameters). Returns
     * every problem found; empty means valid.
     */
    public List<ConfigIssue> validate(Map<String, Object> raw, Set<String> alsoKnown) {
        List<ConfigIssue> issues = new ArrayList<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            String key = e.getKey();
            if (byKey.containsKey(key) || alsoKnown.contains(key)) {
                continue;
            }
            List<String> candidates = new ArrayList<>(byKey.keySet());
            candidates.addAll(alsoKnown);
            String suggestion = Suggestions.closest(key, candidates);
            issues.add(new ConfigIssue(key, "unknown parameter"
                    + (suggestion == null ? "; known parameters: " + sortedKeys(candidates)
                    : "; did you mean \"" + suggestion + "\"?")));
        }
        for (Option<?> o : options) {
            Object value = rawValue(o, raw);
            String given = rawKey(o, raw);
            if (value == null) {
                if (o.required()) {
                    issues.add(new ConfigIssue(o.key(), "required parameter is missing"
                            + (o.description().isEmpty() ? "" : " (" + firstSentence(o.description()) + ")")));
                }
                continue;
            }
            // problems are reported under the key the job used (an alias such as DataX's spelling, if so)
            try {
                if (o.type() == OptionType.OBJECT_LIST) {
                    checkElements(o, given, value, issues);
                } else {
                    checkValue(o, given, value, issues);
                }
            } catch (IllegalArgumentException ex) {
                issues.add(new ConfigIssue(given, ex.getMessage()));
            }
        }
        return issues;
    }

    private static <T> void checkValue(Option<T> o, String given, Object value, List<ConfigIssue> issues) {
        T converted = Conversions.convert(o, value);
        for (String problem : o.check(converted)) {
            issues.add(new ConfigIssue(given, problem));
        }
    }

    /** Validates every element of a list-of-objects option, each problem at its path ({@code column[3].type}). */
    @SuppressWarnings("unchecked")
    private static <T> void checkElements(Option<T> o, String given, Object value, List<ConfigIssue> issues) {
        int before = issues.size();
        List<ConfigIssue> wrongKind = new ArrayList<>();
        List<Map<String, Object>> elements = elementMaps(o, given, value, wrongKind);
        if (elements == null) {
            issues.addAll(wrongKind);
            return;
        }
        // in element order: an element of the wrong kind, or the problems inside an object
        for (int i = 0, k = 0; i < elements.size(); i++) {
            if (elements.get(i) == null) {
                issues.add(wrongKind.get(k++));
                continue;
            }
            for (ConfigIssue nested : o.elementSpec().validate(elements.get(i))) {
                issues.add(new ConfigIssue(given + "[" + i + "]." + nested.key(), nested.message()));
            }
        }
        // checks on the whole list (non-empty, distinct names) run only on a list whose elements are all valid
        if (issues.size() == before) {
            List<PluginConfig> bound = bindElements(o, given, elements, "");
            for (String problem : o.check((T) bound)) {
                issues.add(new ConfigIssue(given, problem));
            }
        }
    }

    /**
     * The elements of a list-of-objects value as maps (plain strings expanded through the shorthand key), or
     * null when the value is not a list; an element of the wrong kind is reported and left null.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> elementMaps(Option<?> o, String given, Object value, List<ConfigIssue> issues) {
        List<?> list = value instanceof List<?> l ? l : value instanceof Map<?, ?> ? List.of(value) : null;
        if (list == null) {
            if (issues != null) {
                issues.add(new ConfigIssue(given, "expected a list of objects" + (o.shorthandKey() == null ? ""
                        : " or of strings (each a " + o.shorthandKey() + ")") + ", got " + describe(value)));
            }
            return null;
        }
        List<Map<String, Object>> maps = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object e = list.get(i);
            if (e instanceof Map<?, ?> m) {
                maps.add((Map<String, Object>) m);
            } else if (o.shorthandKey() != null && (e instanceof String || e instanceof Number)) {
                // the value itself, not its text: a number stays a number for an int shorthand key
                maps.add(Map.of(o.shorthandKey(), e));
            } else {
                if (issues != null) {
                    issues.add(new ConfigIssue(given + "[" + i + "]", "expected an object"
                            + (o.shorthandKey() == null ? "" : " or a string (a " + o.shorthandKey() + ")")
                            + ", got " + describe(e)));
                }
                maps.add(null);
            }
        }
        return maps;
    }

    static List<PluginConfig> bindElements(Option<?> o, String given, List<Map<String, Object>> elements,
                                           String stepName) {
        List<PluginConfig> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            Map<String, Object> e = elements.get(i);
            if (e == null) {
                throw new IllegalArgumentException(given + "[" + i + "]: expected an object"
                        + (o.shorthandKey() == null ? "" : " or a string (a " + o.shorthandKey() + ")"));
            }
            out.add(o.elementSpec().bind(stepName, e));
        }
        return List.copyOf(out);
    }

    private static String describe(Object v) {
        return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
    }

    /**
     * Binds {@code raw} to a typed, read-only view. Call {@link #validate} first; a value that does not
     * convert here throws {@link IllegalArgumentException}.
     */
    public PluginConfig bind(String stepName, Map<String, Object> raw) {
        Map<Option<?>, Object> values = new LinkedHashMap<>();
        for (Option<?> o : options) {
            Object value = rawValue(o, raw);
            if (value == null) {
                continue;
            }
            if (o.type() == OptionType.OBJECT_LIST) {
                String given = rawKey(o, raw);
                List<Map<String, Object>> elements = elementMaps(o, given, value, null);
                if (elements == null) {
                    throw new IllegalArgumentException(given + ": expected a list of objects");
                }
                values.put(o, bindElements(o, given, elements, stepName));
            } else {
                values.put(o, Conversions.convert(o, value));
            }
        }
        return new PluginConfig(stepName, this, values, raw);
    }

    /**
     * The entries of {@code parameters} this spec declares (by key or alias), in their order: a model provider's
     * share of its embedding step's parameters.
     */
    public Map<String, Object> select(Map<String, Object> parameters) {
        Map<String, Object> own = new LinkedHashMap<>();
        parameters.forEach((k, v) -> {
            if (keys().contains(k)) {
                own.put(k, v);
            }
        });
        return own;
    }

    /**
     * Selects the declared entries of {@code parameters}, validates and binds them; throws a
     * {@link io.vectorsync.api.error.PluginException} ({@code CONFIG_INVALID}) starting with {@code owner} (e.g.
     * {@code "model provider openai"}) and listing every issue.
     */
    public PluginConfig bindDeclared(String stepName, String owner, Map<String, Object> parameters) {
        Map<String, Object> own = select(parameters);
        List<ConfigIssue> issues = validate(own);
        if (!issues.isEmpty()) {
            throw new io.vectorsync.api.error.PluginException(io.vectorsync.api.error.CommonErrorCode.CONFIG_INVALID,
                    owner + ": " + issues);
        }
        return bind(stepName, own);
    }

    /** The raw value of {@code o}: under its key, else under the first alias present. */
    static Object rawValue(Option<?> o, Map<String, Object> raw) {
        Object v = raw.get(o.key());
        if (v != null) {
            return v;
        }
        for (String alias : o.aliases()) {
            v = raw.get(alias);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** The key under which {@link #rawValue} found the value: the option's key or the alias the job used. */
    static String rawKey(Option<?> o, Map<String, Object> raw) {
        if (raw.get(o.key()) != null) {
            return o.key();
        }
        for (String alias : o.aliases()) {
            if (raw.get(alias) != null) {
                return alias;
            }
        }
        return o.key();
    }

    /** The keys of secret options, aliases included: the values the core masks everywhere. */
    public Set<String> secretKeys() {
        Set<String> keys = new java.util.HashSet<>();
        for (Option<?> o : options) {
            if (o.isSecret()) {
                keys.add(o.key());
                keys.addAll(o.aliases());
            }
        }
        return keys;
    }

    /**
     * The values of every secret option in {@code raw}, those inside list-of-objects elements included: what the
     * core registers with its masker. The keys of {@link #secretKeys()} only cover the top level.
     */
    public Set<String> secretValues(Map<String, Object> raw) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (Option<?> o : options) {
            Object value = rawValue(o, raw);
            if (value == null) {
                continue;
            }
            if (o.isSecret()) {
                out.add(value instanceof Secret s ? s.reveal() : String.valueOf(value));
            } else if (o.type() == OptionType.OBJECT_LIST) {
                List<Map<String, Object>> elements = elementMaps(o, o.key(), value, null);
                for (Map<String, Object> e : elements == null ? List.<Map<String, Object>>of() : elements) {
                    if (e != null) {
                        out.addAll(o.elementSpec().secretValues(e));
                    }
                }
            }
        }
        return out;
    }

    /** A copy of {@code raw} with every secret value, nested ones included, shown as {@code ******}. */
    Map<String, Object> masked(Map<String, Object> raw) {
        Map<String, Object> shown = new LinkedHashMap<>(raw);
        for (Option<?> o : options) {
            for (String key : keysOf(o)) {
                Object value = raw.get(key);
                if (value == null) {
                    continue;
                }
                if (o.isSecret()) {
                    shown.put(key, "******");
                } else if (o.type() == OptionType.OBJECT_LIST) {
                    shown.put(key, maskedElements(o, value));
                }
            }
        }
        return shown;
    }

    /** A list-of-objects value with the secrets of its elements masked; a plain string standing for a secret too. */
    @SuppressWarnings("unchecked")
    private static Object maskedElements(Option<?> o, Object value) {
        boolean single = !(value instanceof List<?>);
        List<?> given = single ? List.of(value) : (List<?>) value;
        boolean secretShorthand = o.shorthandKey() != null
                && o.elementSpec().option(o.shorthandKey()).map(Option::isSecret).orElse(false);
        List<Object> out = new ArrayList<>(given.size());
        for (Object e : given) {
            if (e instanceof Map<?, ?> m) {
                out.add(o.elementSpec().masked((Map<String, Object>) m));
            } else {
                out.add(secretShorthand && e != null ? "******" : e);
            }
        }
        return single ? out.get(0) : out;
    }

    private static List<String> keysOf(Option<?> o) {
        List<String> keys = new ArrayList<>();
        keys.add(o.key());
        keys.addAll(o.aliases());
        return keys;
    }

    /** The parameters as a Markdown table: name, type, default, required, description. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("| parameter | type | default | required | description |\n");
        sb.append("|---|---|---|---|---|\n");
        for (Option<?> o : options) {
            String name = "`" + o.key() + "`" + (o.aliases().isEmpty() ? "" : " (also " + String.join(", ", o.aliases()) + ")");
            String type = o.allowedValues().isEmpty() ? o.type().displayName()
                    : String.join(" \\| ", o.allowedValues());
            String def = o.defaultText() == null ? "" : "`" + o.defaultText().replace("|", "\\|") + "`";
            sb.append("| ").append(name).append(" | ").append(type).append(" | ").append(def).append(" | ")
                    .append(o.required() ? "yes" : "no").append(" | ")
                    .append(o.description().replace("\n", " ").replace("|", "\\|")).append(" |\n");
            if (o.elementSpec() != null) {
                String table = o.elementSpec().toMarkdown();
                table.lines().skip(2).forEach(row -> sb.append(row.replaceFirst("^\\| `", "| `" + o.key() + "[]."))
                        .append('\n'));
            }
        }
        return sb.toString();
    }

    /** The text up to its first full stop; the dots of "e.g. " and "i.e. " do not end a sentence. */
    static String firstSentence(String text) {
        int dot = text.indexOf(". ");
        while (dot >= 0 && (text.startsWith("e.g", dot - 3) || text.startsWith("i.e", dot - 3))) {
            dot = text.indexOf(". ", dot + 2);
        }
        return dot < 0 ? text.replaceAll("\\.$", "") : text.substring(0, dot);
    }

    private static String sortedKeys(Collection<String> keys) {
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        return sorted.toString();
    }

    /** Builds a {@link ConfigSpec}. */
    public static final class Builder {
        private final List<Option<?>> options = new ArrayList<>();
        private Option<String> modelProviderOption;

        public Builder add(Option<?>... opts) {
            options.addAll(List.of(opts));
            return this;
        }

        public Builder addAll(Collection<? extends Option<?>> opts) {
            options.addAll(opts);
            return this;
        }

        /** See {@link ConfigSpec#modelProviderOption()}. The option is added if not yet present. */
        public Builder delegateUnknownKeysToModelNamedBy(Option<String> option) {
            if (!options.contains(option)) {
                options.add(option);
            }
            this.modelProviderOption = option;
            return this;
        }

        public ConfigSpec build() {
            return new ConfigSpec(options, modelProviderOption);
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
