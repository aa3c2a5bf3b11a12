package io.vectorsync.reader.localfile;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One entry of {@code column}: where the value comes from (a field index, a JSON key, the whole line, or a
 * constant) and its type.
 *
 * @param name     the field name in the schema
 * @param type     the field type
 * @param index    the 0-based field number, or -1
 * @param key      the top-level JSON key (jsonl), or null
 * @param constant whether the value is the constant {@code value}
 * @param value    the converted constant
 * @param format   the date/time pattern, or null
 */
record LocalFileColumn(String name, DataType type, int index, String key, boolean constant, Object value,
                       DateTimeFormatter format) {
    private static final Set<String> KEYS = Set.of("index", "name", "type", "value", "format");

    /** True for {@code ["*"]}. */
    static boolean isStar(List<Object> columns) {
        return columns.size() == 1 && "*".equals(String.valueOf(columns.get(0)).trim());
    }

    /** Parses the explicit column list; problems are PluginExceptions naming {@code column[i]} and the step. */
    static List<LocalFileColumn> parse(String step, List<Object> columns, String fileFormat, LocalFileValues values) {
        if (columns.isEmpty()) {
            throw bad(step, "column", "is empty; use [\"*\"] to read every column as a string");
        }
        boolean jsonl = "jsonl".equalsIgnoreCase(fileFormat);
        List<LocalFileColumn> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            String at = "column[" + i + "]";
            if (!(columns.get(i) instanceof Map<?, ?> entry)) {
                throw bad(step, at, "must be an object {\"index\": ..., \"type\": ...} (or use [\"*\"] alone), was "
                        + columns.get(i));
            }
            for (Object k : entry.keySet()) {
                if (!KEYS.contains(String.valueOf(k))) {
                    throw bad(step, at + "." + k, "unknown key; known keys: " + KEYS);
                }
            }
            String typeName = entry.get("type") == null ? "string" : String.valueOf(entry.get("type"));
            String formatText = entry.get("format") == null ? null : String.valueOf(entry.get("format"));
            DateTimeFormatter format = null;
            if (formatText != null && !formatText.isBlank()) {
                try {
                    format = DateTimeFormatter.ofPattern(formatText, Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    throw bad(step, at + ".format", "\"" + formatText + "\" is not a valid date pattern: " + e.getMessage());
                }
            }
            DataType type;
            try {
                type = typeOf(typeName, formatText);
            } catch (IllegalArgumentException e) {
                throw bad(step, at + ".type", e.getMessage());
            }
            Integer index = null;
            if (entry.get("index") != null) {
                try {
                    index = Integer.parseInt(String.valueOf(entry.get("index")).trim().replaceAll("\\.0$", ""));
                } catch (NumberFormatException e) {
                    throw bad(step, at + ".index", "\"" + entry.get("index") + "\" is not a whole number");
                }
                if (index < 0) {
                    throw bad(step, at + ".index", "must be 0 or more (field numbers start at 0), was " + index);
                }
                if (jsonl && index != 0) {
                    throw bad(step, at + ".index", "in jsonl files index 0 is the whole line and no other index"
                            + " exists; read a top-level key with {\"name\": \"key\", \"type\": ...} and no index");
                }
            }
            String explicitName = entry.get("name") == null ? null : String.valueOf(entry.get("name"));
            boolean constant = entry.containsKey("value");
            String name;
            String key = null;
            Object value = null;
            if (constant) {
                if (index != null) {
                    throw bad(step, at, "give either index or value, not both");
                }
                name = explicitName != null ? explicitName : "constant" + i;
                Object raw = entry.get("value");
                if (raw != null) {
                    try {
                        value = values.convert(String.valueOf(raw), type, format);
                    } catch (IllegalArgumentException e) {
                        throw bad(step, at + ".value", e.getMessage());
                    }
                }
            } else if (index != null) {
                name = explicitName != null ? explicitName : "col" + index;
            } else if (jsonl && explicitName != null) {
                name = explicitName;
                key = explicitName;
            } else {
                throw bad(step, at, jsonl ? "needs name (the JSON key), index 0 (the whole line) or value"
                        : "needs index (0-based field number) or value (a constant)");
            }
            if (name.isEmpty() || !names.add(name)) {
                throw bad(step, at + ".name", name.isEmpty() ? "is empty" : "field name \"" + name
                        + "\" is used twice; give the columns distinct names");
            }
            out.add(new LocalFileColumn(name, type, index == null ? -1 : index, key, constant, value, format));
        }
        return out;
    }

    /**
     * The field type for a column {@code type}: {@code date} is a DATE, or a TIMESTAMP when its format has a time of
     * day; {@code timestamp}/{@code datetime} are TIMESTAMPs.
     */
    static DataType typeOf(String typeName, String format) {
        String t = typeName.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return DataType.STRING;
        }
        if (t.equals("date") && format != null && format.replaceAll("'[^']*'", "").matches(".*[HhkKmsSaAnN].*")) {
            return DataType.TIMESTAMP;
        }
        DataType type = DataType.parse(t);
        if (type.kind() == DataType.Kind.SPARSE_VECTOR) {
            throw new IllegalArgumentException("unsupported type \"" + typeName + "\"; use one of string, long,"
                    + " double, boolean, date, timestamp, decimal, json, bytes");
        }
        return type;
    }

    private static PluginException bad(String step, String key, String problem) {
        return new PluginException(LocalFileErrorCode.BAD_COLUMN, "step \"" + step + "\": \"" + key + "\": " + problem);
    }
}
