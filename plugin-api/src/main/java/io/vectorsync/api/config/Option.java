package io.vectorsync.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A declared parameter of a step: key, type, default, documentation and checks. Plugins declare theirs as
 * constants and read values with {@link PluginConfig#get(Option)}:
 * <pre>{@code
 * static final Option<Integer> BATCH_SIZE = Option.intOption("batchSize")
 *         .defaultValue(10).check(n -> n > 0, "must be positive")
 *         .description("Rows per model call.").build();
 * }</pre>
 *
 * @param <T> the Java type of the value, see {@link OptionType}
 */
public final class Option<T> {
    private final String key;
    private final OptionType type;
    private final T defaultValue;
    private final boolean required;
    private final String description;
    private final List<String> aliases;
    private final Set<String> allowedValues;
    private final List<Check<T>> checks;
    private final ConfigSpec elementSpec;
    private final String shorthandKey;
    private final String defaultText;

    private Option(Builder<T> b) {
        this.key = b.key;
        this.type = b.type;
        this.defaultValue = b.defaultValue;
        this.required = b.required;
        this.description = b.description;
        this.aliases = List.copyOf(b.aliases);
        this.allowedValues = b.allowedValues;
        this.checks = List.copyOf(b.checks);
        this.elementSpec = b.elementSpec;
        this.shorthandKey = b.shorthandKey;
        this.defaultText = b.defaultText != null ? b.defaultText
                : b.defaultValue == null ? null : String.valueOf(b.defaultValue);
    }

    public static Builder<String> stringOption(String key) {
        return new Builder<>(key, OptionType.STRING);
    }

    public static Builder<Integer> intOption(String key) {
        return new Builder<>(key, OptionType.INT);
    }

    public static Builder<Long> longOption(String key) {
        return new Builder<>(key, OptionType.LONG);
    }

    public static Builder<Double> doubleOption(String key) {
        return new Builder<>(key, OptionType.DOUBLE);
    }

    public static Builder<Boolean> booleanOption(String key) {
        return new Builder<>(key, OptionType.BOOLEAN);
    }

    public static Builder<List<String>> stringListOption(String key) {
        return new Builder<>(key, OptionType.STRING_LIST);
    }

    public static Builder<List<Object>> listOption(String key) {
        return new Builder<>(key, OptionType.LIST);
    }

    public static Builder<java.util.Map<String, Object>> objectOption(String key) {
        return new Builder<>(key, OptionType.OBJECT);
    }

    /**
     * A list of objects, each one validated against {@code element} with every problem reported at its own path
     * ({@code column[3].type}), each one read as a {@link PluginConfig}:
     * <pre>{@code
     * static final Option<String> NAME = Option.stringOption("name").required().build();
     * static final Option<List<PluginConfig>> COLUMN = Option.listOf("column", ConfigSpec.builder().add(NAME).build())
     *         .shorthand("name").build();
     * for (PluginConfig column : config.get(COLUMN)) { column.get(NAME) ... }
     * }</pre>
     */
    public static Builder<List<PluginConfig>> listOf(String key, ConfigSpec element) {
        Builder<List<PluginConfig>> b = new Builder<>(key, OptionType.OBJECT_LIST);
        b.elementSpec = Objects.requireNonNull(element, "element is null");
        return b;
    }

    /**
     * A character set name such as {@code encoding}: {@code UTF-8} unless set, and refused at validation (naming
     * the key) when this JVM does not support it. Read it with {@code Charset.forName(config.get(option))}.
     */
    public static Builder<String> charsetOption(String key) {
        return stringOption(key).defaultValue("UTF-8").check(Option::isCharset,
                "is not a character set this JVM supports (e.g. UTF-8, GBK, ISO-8859-1)");
    }

    private static boolean isCharset(String name) {
        try {
            return java.nio.charset.Charset.isSupported(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static Builder<Secret> secretOption(String key) {
        return new Builder<>(key, OptionType.SECRET);
    }

    public String key() {
        return key;
    }

    public OptionType type() {
        return type;
    }

    /** The default, or {@code null} when there is none. */
    public T defaultValue() {
        return defaultValue;
    }

    /**
     * The default as the docs show it ({@code 10}, {@code ["*"]}), or {@code null} when there is none. For a list
     * of objects given by {@link Builder#defaultElements} it is the elements as written in a job.
     */
    public String defaultText() {
        return defaultText;
    }

    public boolean required() {
        return required;
    }

    public String description() {
        return description;
    }

    /** Other accepted spellings of the key (DataX's, older names). The canonical key wins if both are set. */
    public List<String> aliases() {
        return aliases;
    }

    /** For enumerated string options, the accepted values (compared case-insensitively); else empty. */
    public Set<String> allowedValues() {
        return allowedValues;
    }

    /** For {@link OptionType#OBJECT_LIST}: the spec every element is validated against; else null. */
    public ConfigSpec elementSpec() {
        return elementSpec;
    }

    /**
     * For {@link OptionType#OBJECT_LIST}: the key a plain string element stands for ({@code "id"} in a list
     * means {@code {"name": "id"}} when this is {@code name}); null when elements must be objects.
     */
    public String shorthandKey() {
        return shorthandKey;
    }

    public boolean isSecret() {
        return type == OptionType.SECRET;
    }

    /** Runs the declared checks on a converted value; returns the failure messages. */
    List<String> check(T value) {
        List<String> problems = new ArrayList<>();
        if (!allowedValues.isEmpty() && value instanceof String s) {
            boolean ok = allowedValues.stream().anyMatch(a -> a.equalsIgnoreCase(s));
            if (!ok) {
                problems.add("\"" + s + "\" is not one of " + allowedValues);
            }
        }
        for (Check<T> c : checks) {
            if (!c.test().test(value)) {
                problems.add(c.message() + " (was " + (isSecret() ? "******" : String.valueOf(value)) + ")");
            }
        }
        return problems;
    }

    @Override
    public String toString() {
        return key;
    }

    private record Check<T>(Predicate<T> test, String message) {
    }

    /** Builds an {@link Option}. */
    public static final class Builder<T> {
        private final String key;
        private final OptionType type;
        private T defaultValue;
        private boolean required;
        private String description = "";
        private final List<String> aliases = new ArrayList<>();
        private Set<String> allowedValues = Set.of();
        private final List<Check<T>> checks = new ArrayList<>();
        private ConfigSpec elementSpec;
        private String shorthandKey;
        private List<Object> defaultElements;
        private String defaultText;

        private Builder(String key, OptionType type) {
            this.key = Objects.requireNonNull(key, "key is null");
            this.type = type;
        }

        public Builder<T> defaultValue(T value) {
            this.defaultValue = value;
            return this;
        }

        /**
         * For {@link #listOf} options: the default list, written as in a job ({@code defaultElements("*")} for
         * {@code ["*"]}, maps for objects). Each element is validated against the element spec when the option is
         * built, so a wrong default fails at class loading, not in a user's job.
         */
        public Builder<T> defaultElements(Object... elements) {
            if (elementSpec == null) {
                throw new IllegalStateException("defaultElements is for listOf options; option " + key
                        + " is a " + type.displayName());
            }
            this.defaultElements = List.of(elements);
            return this;
        }

        public Builder<T> required() {
            this.required = true;
            return this;
        }

        public Builder<T> description(String text) {
            this.description = Objects.requireNonNull(text, "text is null");
            return this;
        }

        public Builder<T> alias(String... keys) {
            aliases.addAll(List.of(keys));
            return this;
        }

        /** Restricts a string option to these values (case-insensitive); listed in the generated docs. */
        public Builder<T> oneOf(String... values) {
            Set<String> set = new java.util.LinkedHashSet<>();
            for (String v : values) {
                set.add(v);
            }
            this.allowedValues = java.util.Collections.unmodifiableSet(set);
            return this;
        }

        /**
         * For {@link #listOf} options: a plain string element means an object with only this key set (DataX's
         * {@code "column": ["*"]} or {@code ["id", "title"]}).
         */
        public Builder<T> shorthand(String elementKey) {
            if (elementSpec == null || elementSpec.option(elementKey).isEmpty()) {
                throw new IllegalStateException("shorthand \"" + elementKey + "\" of option " + key
                        + " must be a key of its element spec");
            }
            this.shorthandKey = elementKey;
            return this;
        }

        public Builder<T> check(Predicate<T> test, String message) {
            checks.add(new Check<>(test, message));
            return this;
        }

        @SuppressWarnings("unchecked")
        public Option<T> build() {
            if (defaultElements != null) {
                defaultValue = (T) bindDefaultElements(new Option<>(this), defaultElements);
                defaultText = JsonText.of(defaultElements);
            }
            if (required && defaultValue != null) {
                throw new IllegalStateException("option " + key + " is required and has a default");
            }
            return new Option<>(this);
        }
    }

    /** Validates and binds the default elements of a list-of-objects option, as a job's value would be. */
    private static List<PluginConfig> bindDefaultElements(Option<?> bare, List<Object> elements) {
        List<ConfigIssue> issues = new ArrayList<>();
        List<java.util.Map<String, Object>> maps = ConfigSpec.elementMaps(bare, bare.key(), elements, issues);
        for (int i = 0; issues.isEmpty() && i < maps.size(); i++) {
            for (ConfigIssue nested : bare.elementSpec().validate(maps.get(i))) {
                issues.add(new ConfigIssue(bare.key() + "[" + i + "]." + nested.key(), nested.message()));
            }
        }
        if (!issues.isEmpty()) {
            throw new IllegalStateException("the default of option " + bare.key() + " is invalid: " + issues);
        }
        return ConfigSpec.bindElements(bare, bare.key(), maps, "");
    }

    static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
