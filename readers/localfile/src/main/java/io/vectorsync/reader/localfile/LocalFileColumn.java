package io.vectorsync.reader.localfile;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
    static final Option<Integer> INDEX = Option.intOption("index").check(i -> i >= 0,
                    "must be 0 or more (field numbers start at 0)")
            .description("0-based field number (csv, text); in jsonl only 0, the whole line.").build();
    static final Option<String> NAME = Option.stringOption("name").check(s -> !s.isEmpty(), "is empty")
            .description("Field name in the records (default col<index>); in jsonl without index, the top-level"
                    + " key to read.").build();
    static final Option<String> TYPE = Option.stringOption("type").defaultValue("string")
            .check(LocalFileColumn::knownType, "is not a type this reader reads; use one of string, long, double,"
                    + " boolean, date, timestamp, decimal, json, bytes")
            .description("string, long, double, boolean, date, timestamp, decimal, json or bytes.").build();
    static final Option<String> VALUE = Option.stringOption("value")
            .description("A constant for every record, instead of index.").build();
    static final Option<String> FORMAT = Option.stringOption("format")
            .check(LocalFileColumn::validPattern, "is not a valid date/time pattern (java DateTimeFormatter)")
            .description("Date/time pattern of date and timestamp values, e.g. yyyy-MM-dd HH:mm:ss.").build();
    static final ConfigSpec ELEMENT = ConfigSpec.builder().add(INDEX, NAME, TYPE, VALUE, FORMAT).build();

    /** True for {@code ["*"]}. */
    static boolean isStar(List<PluginConfig> columns) {
        return columns.size() == 1 && columns.get(0).raw().size() == 1
                && "*".equals(String.valueOf(columns.get(0).raw().get("name")).trim());
    }

    /**
     * Reads the explicit column list (types and patterns are already checked by the spec); problems between keys
     * of an entry, or between entries, are collected for every column and thrown as one PluginException naming
     * each {@code column[i]} and the step.
     */
    static List<LocalFileColumn> parse(String step, List<PluginConfig> columns, String fileFormat,
                                       LocalFileValues values) {
        if (columns.isEmpty()) {
            throw bad(step, List.of("\"column\": is empty; use [\"*\"] to read every column as a string"));
        }
        boolean jsonl = "jsonl".equalsIgnoreCase(fileFormat);
        List<LocalFileColumn> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            PluginConfig entry = columns.get(i);
            String at = "column[" + i + "]";
            String formatText = entry.get(FORMAT);
            DateTimeFormatter format = formatText == null || formatText.isBlank() ? null
                    : DateTimeFormatter.ofPattern(formatText, Locale.ROOT);
            DataType type = typeOf(entry.get(TYPE), formatText);
            Integer index = entry.get(INDEX);
            if (jsonl && index != null && index != 0) {
                problems.add(quoted(at + ".index") + "in jsonl files index 0 is the whole line and no other index"
                        + " exists; read a top-level key with {\"name\": \"key\", \"type\": ...} and no index");
                continue;
            }
            String explicitName = entry.get(NAME);
            boolean constant = entry.raw().containsKey("value");
            String name;
            String key = null;
            Object value = null;
            if (constant) {
                if (index != null) {
                    problems.add(quoted(at) + "give either index or value, not both");
                    continue;
                }
                name = explicitName != null ? explicitName : "constant" + i;
                String raw = entry.get(VALUE);
                if (raw != null) {
                    try {
                        value = values.convert(raw, type, format);
                    } catch (IllegalArgumentException e) {
                        problems.add(quoted(at + ".value") + e.getMessage());
                        continue;
                    }
                }
            } else if (index != null) {
                name = explicitName != null ? explicitName : "col" + index;
            } else if (jsonl && explicitName != null) {
                name = explicitName;
                key = explicitName;
            } else {
                problems.add(quoted(at) + (jsonl ? "needs name (the JSON key), index 0 (the whole line) or value"
                        : "needs index (0-based field number) or value (a constant)"));
                continue;
            }
            if (!names.add(name)) {
                problems.add(quoted(at + ".name") + "field name \"" + name
                        + "\" is used twice; give the columns distinct names");
                continue;
            }
            out.add(new LocalFileColumn(name, type, index == null ? -1 : index, key, constant, value, format));
        }
        if (!problems.isEmpty()) {
            throw bad(step, problems);
        }
        return out;
    }

    private static String quoted(String key) {
        return "\"" + key + "\": ";
    }

    private static boolean knownType(String typeName) {
        try {
            typeOf(typeName, null);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean validPattern(String pattern) {
        try {
            DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
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

    private static PluginException bad(String step, List<String> problems) {
        return new PluginException(LocalFileErrorCode.BAD_COLUMN, "step \"" + step + "\": "
                + String.join("; ", problems));
    }
}
