package io.vectorsync.reader.odps;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One entry of {@code column}: a table or partition column ({@code source} set) read as {@code type}, or a
 * constant.
 *
 * @param name     the output field name
 * @param source   the MaxCompute column name (lower case), or null for a constant
 * @param type     the output type
 * @param constant the constant's value
 * @param expression with enableWhere, a SQL expression selected as {@code source} (e.g. {@code upper(name)}), or
 *                   null for a plain column
 */
public record OdpsColumn(String name, String source, DataType type, Object constant, String expression) {
    private static final java.util.regex.Pattern ALIASED = java.util.regex.Pattern.compile(
            "(?is)^(.+?)\\s+as\\s+`?([A-Za-z_][A-Za-z0-9_]*)`?$");

    /** A table column, partition key or constant. */
    public OdpsColumn(String name, String source, DataType type, Object constant) {
        this(name, source, type, constant, null);
    }

    /** What the where query selects for this column: the quoted name, or {@code expression AS alias}. */
    String selectItem() {
        String quoted = "`" + source + "`";
        return expression == null ? quoted : expression + " AS " + quoted;
    }

    static final Option<String> NAME = Option.stringOption("name").required()
            .check(s -> !s.isBlank(), "must not be blank")
            .description("The MaxCompute column (or partition key) to read; 'quoted' text is a constant.").build();
    static final Option<String> TYPE = Option.stringOption("type").defaultValue("string")
            .check(OdpsColumn::knownType, "is not a known type; use one of boolean, long, double, string, bytes,"
                    + " date, timestamp, decimal, json")
            .description("The type to convert the value to.").build();
    static final ConfigSpec ELEMENT = ConfigSpec.builder().add(NAME, TYPE).build();

    /** Whether the list is {@code ["*"]}: every table column with its own type. */
    static boolean isStar(List<PluginConfig> raw) {
        return raw.size() == 1 && raw.get(0).raw().size() == 1 && "*".equals(raw.get(0).get(NAME).trim());
    }

    /**
     * Reads the column list (names and types are already checked by the spec): plain names, 'quoted' constants
     * and {@code {"name", "type"}} objects. Problems are collected for every entry and thrown as one config error
     * naming each {@code column[i]}.
     */
    static List<OdpsColumn> parse(List<PluginConfig> raw) {
        return parse(raw, false);
    }

    /**
     * As {@link #parse(List)}; with {@code sql} (enableWhere) an entry that is neither a name nor a constant is a
     * SQL expression, named by its {@code AS alias} or, like MaxCompute's unnamed result columns, {@code _c<i>}.
     */
    static List<OdpsColumn> parse(List<PluginConfig> raw, boolean sql) {
        if (raw.isEmpty()) {
            throw PluginException.config("column", "list at least one column");
        }
        List<OdpsColumn> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            PluginConfig e = raw.get(i);
            String where = "\"column[" + i + "]\": ";
            String s = e.get(NAME).trim();
            DataType type = DataType.parse(e.get(TYPE));
            OdpsColumn c;
            if (s.equals("*")) {
                problems.add(where + "\"*\" must be the only entry");
                continue;
            } else if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
                c = new OdpsColumn("constant" + i, null, DataType.STRING, s.substring(1, s.length() - 1));
            } else if (s.matches("[A-Za-z_][A-Za-z0-9_]*") || !sql && e.raw().size() > 1) {
                c = new OdpsColumn(s, s.toLowerCase(java.util.Locale.ROOT), type, null);
            } else if (sql) {
                java.util.regex.Matcher m = ALIASED.matcher(s);
                String alias = m.matches() ? m.group(2) : "_c" + i;
                c = new OdpsColumn(alias, alias.toLowerCase(java.util.Locale.ROOT), type, null,
                        m.matches() ? m.group(1).trim() : s);
            } else {
                problems.add(where + "\"" + s + "\" is neither a column name nor a 'quoted' constant; functions and"
                        + " expressions are evaluated by MaxCompute only with enableWhere (a SQL query)");
                continue;
            }
            if (!names.add(c.name())) {
                problems.add(where + "duplicate column \"" + c.name() + "\"");
                continue;
            }
            out.add(c);
        }
        if (!problems.isEmpty()) {
            throw new PluginException(CommonErrorCode.CONFIG_INVALID, String.join("; ", problems));
        }
        return List.copyOf(out);
    }

    private static boolean knownType(String name) {
        try {
            return !DataType.parse(name).isVector();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
