package io.vectorsync.api.config;

/**
 * The type of a parameter, with the Java type {@link PluginConfig#get} returns. Job files often give numbers
 * and booleans as strings ({@code "128"}, {@code "true"}); every type accepts those.
 */
public enum OptionType {
    /** {@link String}; numbers and booleans are turned into their text. */
    STRING("string"),
    /** {@link Integer}. */
    INT("int"),
    /** {@link Long}. */
    LONG("long"),
    /** {@link Double}. */
    DOUBLE("double"),
    /** {@link Boolean}: true/false, also as strings. */
    BOOLEAN("boolean"),
    /** {@link java.util.List} of {@link String}; a single string is taken as a one-element list. */
    STRING_LIST("list<string>"),
    /** {@link java.util.List} of JSON values (maps, lists, strings, numbers, booleans). */
    LIST("list"),
    /** {@link java.util.Map} from {@link String} to JSON values: a nested object. */
    OBJECT("object"),
    /**
     * {@link java.util.List} of {@link PluginConfig}: a list of objects, each validated against the option's
     * {@link Option#elementSpec() element spec} (the {@code column} lists of readers and writers).
     */
    OBJECT_LIST("list<object>"),
    /** {@link Secret}: masked in logs, errors, previews, reports and dirty-data files. */
    SECRET("secret");

    private final String displayName;

    OptionType(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
