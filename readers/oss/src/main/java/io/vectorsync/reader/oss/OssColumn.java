package io.vectorsync.reader.oss;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Field;
import io.vectorsync.api.record.Schema;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    static final Set<String> TYPES = Set.of("string", "long", "double", "boolean", "date", "timestamp", "decimal",
            "json", "bytes");

    /** The schema of the records these columns produce. */
    public static Schema schema(List<OssColumn> columns) {
        List<Field> fields = new ArrayList<>(columns.size());
        for (OssColumn c : columns) {
            fields.add(Field.of(c.name(), c.type()));
        }
        return Schema.of(fields);
    }

    /**
     * Parses the {@code column} parameter. {@code raw} null or {@code ["*"]} means the whole line as one string
     * field for jsonl; csv and text need explicit columns because the schema is fixed when the job is planned.
     */
    public static List<OssColumn> parse(List<Object> raw, String fileFormat) {
        boolean jsonl = fileFormat.equalsIgnoreCase("jsonl");
        if (raw == null || raw.isEmpty() || (raw.size() == 1 && "*".equals(raw.get(0)))) {
            if (jsonl) {
                return List.of(new OssColumn("col0", DataType.STRING, 0, null, null, false, null));
            }
            throw PluginException.config("column", "list the columns as {\"index\": 0, \"type\": \"string\"} "
                    + "entries: with fileFormat " + fileFormat + " the number of fields is not known before reading, "
                    + "so \"*\" (or no column) is only supported for jsonl");
        }
        List<OssColumn> out = new ArrayList<>(raw.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String where = "column[" + i + "]";
            if (!(raw.get(i) instanceof Map<?, ?> m)) {
                throw PluginException.config(where, "expected an object like {\"index\": 0, \"type\": \"string\"}, "
                        + "got " + raw.get(i));
            }
            OssColumn c = parseOne(m, i, jsonl, where);
            if (!names.add(c.name())) {
                throw PluginException.config(where + ".name", "duplicate field name \"" + c.name() + "\"");
            }
            out.add(c);
        }
        return List.copyOf(out);
    }

    private static OssColumn parseOne(Map<?, ?> m, int position, boolean jsonl, String where) {
        for (Object k : m.keySet()) {
            if (!Set.of("index", "name", "type", "value", "format").contains(String.valueOf(k))) {
                throw PluginException.config(where + "." + k, "unknown key; a column has index, name, type, value, format");
            }
        }
        String typeName = m.get("type") == null ? "string" : String.valueOf(m.get("type")).trim().toLowerCase();
        if (!TYPES.contains(typeName)) {
            throw PluginException.config(where + ".type", "unknown type \"" + m.get("type") + "\"; use one of "
                    + "string, long, double, boolean, date, timestamp, decimal, json, bytes");
        }
        DataType type = DataType.parse(typeName);
        DateTimeFormatter formatter = null;
        if (m.get("format") != null) {
            try {
                formatter = DateTimeFormatter.ofPattern(String.valueOf(m.get("format")));
            } catch (IllegalArgumentException e) {
                throw PluginException.config(where + ".format", "not a date pattern: " + e.getMessage());
            }
        }
        String name = m.get("name") == null ? null : String.valueOf(m.get("name"));
        if (name != null && name.isBlank()) {
            throw PluginException.config(where + ".name", "must not be blank");
        }
        if (m.containsKey("value")) {
            if (m.containsKey("index")) {
                throw PluginException.config(where, "give either index or value, not both");
            }
            Object constant;
            try {
                constant = m.get("value") == null ? null
                        : OssValues.convert(String.valueOf(m.get("value")), type, formatter);
            } catch (IllegalArgumentException e) {
                throw PluginException.config(where + ".value", e.getMessage());
            }
            return new OssColumn(name != null ? name : "constant" + position, type, -1, null, constant, true, formatter);
        }
        if (m.get("index") == null) {
            if (jsonl && name != null) {
                return new OssColumn(name, type, -1, name, null, false, formatter);
            }
            throw PluginException.config(where, "needs an index (0-based field position) or a constant value"
                    + (jsonl ? ", or a name (a top-level JSON key)" : ""));
        }
        int index;
        try {
            index = Integer.parseInt(String.valueOf(m.get("index")).trim());
        } catch (NumberFormatException e) {
            throw PluginException.config(where + ".index", "expected a whole number, got " + m.get("index"));
        }
        if (index < 0) {
            throw PluginException.config(where + ".index", "must be 0 or more, was " + index);
        }
        if (jsonl && index != 0) {
            throw PluginException.config(where + ".index", "with fileFormat jsonl, index 0 is the whole line and "
                    + "other indexes do not exist; use a name to take a top-level key");
        }
        return new OssColumn(name != null ? name : "col" + index, type, index, null, null, false, formatter);
    }
}
