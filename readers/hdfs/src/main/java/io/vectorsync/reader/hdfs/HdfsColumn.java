package io.vectorsync.reader.hdfs;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
public record HdfsColumn(int index, String constant, DataType type, String name, DateTimeFormatter format) {

    public boolean isConstant() {
        return index < 0;
    }

    /**
     * Parses the column list. Returns {@code null} for {@code ["*"]} (or no list): every column of the input.
     * Problems throw a config error naming {@code column[i].key}.
     */
    public static List<HdfsColumn> parse(List<Object> raw) {
        if (raw == null || raw.isEmpty() || (raw.size() == 1 && "*".equals(raw.get(0)))) {
            return null;
        }
        List<HdfsColumn> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String at = "column[" + i + "]";
            if (!(raw.get(i) instanceof Map<?, ?> entry)) {
                throw PluginException.config(at, "must be an object {\"index\": 0, \"type\": \"string\"} or "
                        + "{\"value\": \"x\", \"type\": \"string\"}, or the whole list [\"*\"]; was " + raw.get(i));
            }
            for (Object key : entry.keySet()) {
                if (!Set.of("index", "value", "type", "name", "format").contains(String.valueOf(key))) {
                    throw PluginException.config(at + "." + key, "unknown key; use index, value, type, name, format");
                }
            }
            Object indexRaw = entry.get("index");
            Object value = entry.get("value");
            if ((indexRaw == null) == (value == null)) {
                throw PluginException.config(at, "give exactly one of \"index\" (a position in the row) and "
                        + "\"value\" (a constant)");
            }
            int index = -1;
            if (indexRaw != null) {
                try {
                    index = indexRaw instanceof Number n ? n.intValue() : Integer.parseInt(indexRaw.toString().trim());
                } catch (NumberFormatException e) {
                    throw PluginException.config(at + ".index", "must be a whole number, was \"" + indexRaw + "\"");
                }
                if (index < 0) {
                    throw PluginException.config(at + ".index", "must be 0 or more, was " + index);
                }
            }
            Object typeRaw = entry.get("type");
            DataType type;
            if (typeRaw == null) {
                type = DataType.STRING;
            } else {
                try {
                    type = DataType.parse(typeRaw.toString());
                } catch (IllegalArgumentException e) {
                    throw PluginException.config(at + ".type", e.getMessage());
                }
                if (type.isVector()) {
                    throw PluginException.config(at + ".type", "vector types cannot be read from files; use string "
                            + "or json and let a later step convert");
                }
            }
            DateTimeFormatter format = null;
            if (entry.get("format") != null) {
                try {
                    format = DateTimeFormatter.ofPattern(entry.get("format").toString());
                } catch (IllegalArgumentException e) {
                    throw PluginException.config(at + ".format", "bad date/time pattern \"" + entry.get("format")
                            + "\": " + e.getMessage());
                }
            }
            String name = entry.get("name") != null ? entry.get("name").toString()
                    : index >= 0 ? "col" + index : "constant" + i;
            if (name.isEmpty() || !names.add(name)) {
                throw PluginException.config(at + ".name", name.isEmpty() ? "must not be empty"
                        : "field name \"" + name + "\" is used twice; give the entries distinct \"name\"s");
            }
            columns.add(new HdfsColumn(index, value == null ? null : value.toString(), type, name, format));
        }
        return List.copyOf(columns);
    }
}
