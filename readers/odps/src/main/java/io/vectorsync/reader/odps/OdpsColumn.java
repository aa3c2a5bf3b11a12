package io.vectorsync.reader.odps;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of {@code column}: a table or partition column ({@code source} set) read as {@code type}, or a
 * constant.
 *
 * @param name     the output field name
 * @param source   the MaxCompute column name (lower case), or null for a constant
 * @param type     the output type
 * @param constant the constant's value
 */
public record OdpsColumn(String name, String source, DataType type, Object constant) {

    /** Whether the list is {@code ["*"]}: every table column with its own type. */
    static boolean isStar(List<Object> raw) {
        return raw.size() == 1 && "*".equals(String.valueOf(raw.get(0)).trim());
    }

    static List<OdpsColumn> parse(List<Object> raw) {
        if (raw.isEmpty()) {
            throw PluginException.config("column", "list at least one column");
        }
        List<OdpsColumn> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            Object e = raw.get(i);
            String where = "column[" + i + "]";
            OdpsColumn c;
            if (e instanceof Map<?, ?> m) {
                Object n = m.get("name");
                if (n == null || String.valueOf(n).isBlank()) {
                    throw PluginException.config(where + ".name", "required: the MaxCompute column to read");
                }
                DataType type;
                try {
                    type = m.get("type") == null ? DataType.STRING : DataType.parse(String.valueOf(m.get("type")));
                } catch (IllegalArgumentException ex) {
                    throw PluginException.config(where + ".type", ex.getMessage());
                }
                String src = String.valueOf(n).trim();
                c = new OdpsColumn(src, src.toLowerCase(java.util.Locale.ROOT), type, null);
            } else if (e instanceof String || e instanceof Number || e instanceof Boolean) {
                String s = String.valueOf(e).trim();
                if (s.equals("*")) {
                    throw PluginException.config(where, "\"*\" must be the only entry");
                }
                if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
                    c = new OdpsColumn("constant" + i, null, DataType.STRING, s.substring(1, s.length() - 1));
                } else if (e instanceof String && s.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    c = new OdpsColumn(s, s.toLowerCase(java.util.Locale.ROOT), DataType.STRING, null);
                } else {
                    throw PluginException.config(where, "\"" + s + "\" is neither a column name nor a 'quoted' "
                            + "constant; functions and expressions need a SQL task, which this reader does not run");
                }
            } else {
                throw PluginException.config(where, "expected a column name, a 'constant' or {\"name\", \"type\"}");
            }
            if (!names.add(c.name())) {
                throw PluginException.config(where, "duplicate column \"" + c.name() + "\"");
            }
            out.add(c);
        }
        return List.copyOf(out);
    }
}
