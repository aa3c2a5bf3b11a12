package io.vectorsync.reader.format;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One entry of the {@code column} parameter: a field read from position {@code index} of the row, or a constant
 * {@code value}, converted to {@code type}. Field names: the entry's {@code name}, else {@code col<index>}, or
 * {@code constant<i>} for constants ({@code i} = position in the column list).
 *
 * @param index     position in the line or in the file schema; -1 for a constant
 * @param constant  the constant's value as text, or null
 * @param type      the type of the emitted field
 * @param name      the field name
 * @param format    the date/time pattern, or null
 */
public record FileColumn(int index, String constant, DataType type, String name, DateTimeFormatter format) {
    public static final Option<Integer> INDEX = Option.intOption("index").check(i -> i >= 0, "must be 0 or more")
            .description("0-based position in the line (text/csv) or in the file schema (orc/parquet).").build();
    public static final Option<String> VALUE = Option.stringOption("value")
            .description("A constant for every row, instead of index.").build();
    public static final Option<String> TYPE = Option.stringOption("type").defaultValue("string")
            .check(FileColumn::readableType, "is not a type files can be read as; use string, long, double,"
                    + " boolean, date, timestamp, decimal, json or bytes (vectors: read string or json and let a"
                    + " later step convert)")
            .description("string, long, double, boolean, date, timestamp, decimal, json or bytes.").build();
    public static final Option<String> NAME = Option.stringOption("name").check(s -> !s.isEmpty(), "must not be empty")
            .description("Field name (default col<index>, constant<i> for constants).").build();
    public static final Option<String> FORMAT = Option.stringOption("format")
            .check(FileColumn::validPattern, "is not a valid date/time pattern (java DateTimeFormatter)")
            .description("Date/time pattern such as yyyy-MM-dd.").build();
    public static final ConfigSpec ELEMENT = ConfigSpec.builder().add(INDEX, VALUE, TYPE, NAME, FORMAT).build();

    public boolean isConstant() {
        return index < 0;
    }

    /**
     * Reads the column list (types and patterns are already checked by the spec). Returns {@code null} for
     * {@code ["*"]} (or no list): every column of the input. Problems between keys or entries are collected for
     * every entry and thrown as one config error naming each {@code column[i]}.
     */
    public static List<FileColumn> parse(List<PluginConfig> raw) {
        if (raw == null || raw.isEmpty() || isStar(raw)) {
            return null;
        }
        List<FileColumn> columns = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            PluginConfig entry = raw.get(i);
            String at = "column[" + i + "]";
            Integer index = entry.get(INDEX);
            String value = entry.get(VALUE);
            if ((index == null) == (value == null)) {
                problems.add("\"" + at + "\": give exactly one of \"index\" (a position in the row) and "
                        + "\"value\" (a constant)");
                continue;
            }
            String formatText = entry.get(FORMAT);
            DateTimeFormatter format = formatText == null ? null : DateTimeFormatter.ofPattern(formatText);
            String name = entry.get(NAME) != null ? entry.get(NAME) : index != null ? "col" + index : "constant" + i;
            if (!names.add(name)) {
                problems.add("\"" + at + ".name\": field name \"" + name + "\" is used twice; give the entries"
                        + " distinct \"name\"s");
                continue;
            }
            columns.add(new FileColumn(index == null ? -1 : index, value, DataType.parse(entry.get(TYPE)), name,
                    format));
        }
        if (!problems.isEmpty()) {
            throw new PluginException(CommonErrorCode.CONFIG_INVALID, String.join("; ", problems));
        }
        return List.copyOf(columns);
    }

    private static boolean isStar(List<PluginConfig> raw) {
        return raw.size() == 1 && raw.get(0).raw().size() == 1 && "*".equals(raw.get(0).raw().get("name"));
    }

    private static boolean readableType(String name) {
        try {
            return !DataType.parse(name).isVector();
        } catch (IllegalArgumentException e) {
            return false;
        }
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
