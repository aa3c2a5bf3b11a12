package io.vectorsync.writer.hologres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The target table's columns, primary key and vector dimensions, read from the PostgreSQL catalog. */
final class HoloTable {
    private static final Pattern DIM_CHECK = Pattern.compile("array_length\\(\"?([^\",()]+)\"?, 1\\) = (\\d+)");

    final String schema;
    final String name;
    final List<HoloColumn> columns;
    final List<String> primaryKey;

    private HoloTable(String schema, String name, List<HoloColumn> columns, List<String> primaryKey) {
        this.schema = schema;
        this.name = name;
        this.columns = List.copyOf(columns);
        this.primaryKey = List.copyOf(primaryKey);
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    String qualified() {
        return qualified(schema, name);
    }

    Optional<HoloColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    static boolean exists(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, qualified(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static HoloTable load(Connection c, String schema, String table) throws SQLException {
        String reg = qualified(schema, table);
        Map<String, Integer> dims = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                + "WHERE conrelid = ?::regclass AND contype = 'c'")) {
            ps.setString(1, reg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Matcher m = DIM_CHECK.matcher(rs.getString(1));
                    while (m.find()) {
                        dims.put(m.group(1), Integer.parseInt(m.group(2)));
                    }
                }
            }
        }
        List<HoloColumn> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, t.typname, format_type(a.atttypid, "
                + "a.atttypmod), a.attnotnull FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                + "WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setString(1, reg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String n = rs.getString(1);
                    columns.add(new HoloColumn(n, rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            dims.getOrDefault(n, 0)));
                }
            }
        }
        List<String> pk = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname FROM pg_index i JOIN pg_attribute a "
                + "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = ?::regclass "
                + "AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)")) {
            ps.setString(1, reg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pk.add(rs.getString(1));
                }
            }
        }
        return new HoloTable(schema, table, columns, pk);
    }

    /** True when the table holds no row (cheap: LIMIT 1). */
    static boolean isEmpty(Connection c, String qualified) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + qualified + " LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return !rs.next();
        }
    }
}
