package io.vectorsync.reader.oss;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Field;
import io.vectorsync.api.record.Schema;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One entry of the {@code column} parameter: a field taken by position ({@code index}), by top-level JSON key
 * ({@code name} alone, jsonl), or a constant ({@code value}).
 *
 * @param name      the output field name
 * @param type      the output type
 * @param index     0-based field position, or -1
 * @param jsonKey   the top-level key for jsonl, or null
 * @param constant  the converted constant for {@code value} entries, else null
 * @param isConstant whether this is a constant
 * @param formatter the {@code format} of date/timestamp columns, or null
 */
public record OssColumn(String name, DataType type, int index, String jsonKey, Object constant, boolean isConstant,
                        DateTimeFormatter formatter) {
    static final Option<Integer> INDEX = Option.intOption("index").check(i -> i >= 0, "must be 0 or more")
            .description("0-based field position; with jsonl only 0, the whole line.").build();
    static final Option<String> NAME = Option.stringOption("name").check(s -> !s.isBlank(), "must not be blank")
            .description("Output field name (default col<index>, constant<i>); alone with jsonl, the top-level key"
                    + " to take.").build();
    static final Option<String> TYPE = Option.stringOption("type").defaultValue("string")
            .oneOf("string", "long", "double", "boolean", "date", "timestamp", "decimal", "json", "bytes")
            .description("The output type.").build();
    static final Option<String> VALUE = Option.stringOption("value")
            .description("A constant for every record, instead of index.").build();
    static final Option<String> FORMAT = Option.stringOption("format")
            .check(OssColumn::validPattern, "is not a date pattern (java DateTimeFormatter)")
            .description("Date/time pattern of date and timestamp columns.").build();
    static final ConfigSpec ELEMENT = ConfigSpec.builder().add(INDEX, NAME, TYPE, VALUE, FORMAT).build();

    /** The schema of the records these columns produce. */
    public static Schema schema(List<OssColumn> columns) {
        List<Field> fields = new ArrayList<>(columns.size());
        for (OssColumn c : columns) {
            fields.add(Field.of(c.name(), c.type()));
        }
        return Schema.of(fields);
    }

    /**
     * Reads the {@code column} parameter (keys, types and patterns are already checked by the spec). {@code raw}
     * null or {@code ["*"]} means the whole line as one string field for jsonl; csv and text need explicit
     * columns because the schema is fixed when the job is planned. Problems between keys or entries are collected
     * for every entry and thrown as one config error naming each {@code column[i]}.
     */
    public static List<OssColumn> parse(List<PluginConfig> raw, String fileFormat) {
        boolean jsonl = fileFormat.equalsIgnoreCase("jsonl");
        if (raw == null || raw.isEmpty() || isStar(raw)) {
            if (jsonl) {
                return List.of(new OssColumn("col0", DataType.STRING, 0, null, null, false, null));
            }
            throw PluginException.config("column", "list the columns as {\"index\": 0, \"type\": \"string\"} "
                    + "entries: with fileFormat " + fileFormat + " the number of fields is not known before reading, "
                    + "so \"*\" (or no column) is only supported for jsonl");
        }
        List<OssColumn> out = new ArrayList<>(raw.size());
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String where = "column[" + i + "]";
            try {
                OssColumn c = parseOne(raw.get(i), i, jsonl, where);
                if (!names.add(c.name())) {
                    problems.add("\"" + where + ".name\": duplicate field name \"" + c.name() + "\"");
                }
                out.add(c);
            } catch (PluginException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new PluginException(CommonErrorCode.CONFIG_INVALID, String.join("; ", problems));
        }
        return List.copyOf(out);
    }

    private static boolean isStar(List<PluginConfig> raw) {
        return raw.size() == 1 && raw.get(0).raw().size() == 1 && "*".equals(raw.get(0).raw().get("name"));
    }

    private static OssColumn parseOne(PluginConfig m, int position, boolean jsonl, String where) {
        DataType type = DataType.parse(m.get(TYPE).trim());
        String pattern = m.get(FORMAT);
        DateTimeFormatter formatter = pattern == null ? null : DateTimeFormatter.ofPattern(pattern);
        String name = m.get(NAME);
        Integer index = m.get(INDEX);
        if (m.raw().containsKey("value")) {
            if (index != null) {
                throw PluginException.config(where, "give either index or value, not both");
            }
            Object constant;
            try {
                constant = m.get(VALUE) == null ? null : OssValues.convert(m.get(VALUE), type, formatter);
            } catch (IllegalArgumentException e) {
                throw PluginException.config(where + ".value", e.getMessage());
            }
            return new OssColumn(name != null ? name : "constant" + position, type, -1, null, constant, true, formatter);
        }
        if (index == null) {
            if (jsonl && name != null) {
                return new OssColumn(name, type, -1, name, null, false, formatter);
            }
            throw PluginException.config(where, "needs an index (0-based field position) or a constant value"
                    + (jsonl ? ", or a name (a top-level JSON key)" : ""));
        }
        if (jsonl && index != 0) {
            throw PluginException.config(where + ".index", "with fileFormat jsonl, index 0 is the whole line and "
                    + "other indexes do not exist; use a name to take a top-level key");
        }
        return new OssColumn(name != null ? name : "col" + index, type, index, null, null, false, formatter);
    }

    private static boolean validPattern(String pattern) {
        try {
            DateTimeFormatter.ofPattern(pattern);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
