package io.vectorsync.writer.hologres;

import java.util.ArrayList;
import java.util.List;

/**
 * How every stream writes: the table, the written columns with the upstream position of each (-1: the
 * partition constant), the conflict handling and whether batches go through binary COPY.
 */
record HoloPlan(String table, List<HoloColumn> columns, int[] sources, Object constant, List<String> primaryKey,
                List<String> nullOnReplace, HoloConflictMode mode, boolean copy) {

    /** Positions within {@link #columns()} of the primary key columns. */
    int[] keyPositions() {
        int[] out = new int[primaryKey.size()];
        for (int i = 0; i < out.length; i++) {
            String k = primaryKey.get(i);
            for (int j = 0; j < columns.size(); j++) {
                if (columns.get(j).name().equals(k)) {
                    out[i] = j;
                }
            }
        }
        return out;
    }

    String copySql() {
        return "COPY " + table + " (" + columnList() + ") FROM STDIN (FORMAT binary)";
    }

    String columnList() {
        List<String> names = new ArrayList<>();
        for (HoloColumn c : columns) {
            names.add(HoloTable.quote(c.name()));
        }
        return String.join(", ", names);
    }

    /** A multi-row INSERT of {@code rows} rows with the conflict clause. */
    String insertSql(int rows) {
        StringBuilder sb = new StringBuilder("INSERT INTO ").append(table).append(" (").append(columnList())
                .append(") VALUES ");
        StringBuilder one = new StringBuilder("(");
        for (int i = 0; i < columns.size(); i++) {
            one.append(i > 0 ? ", ?" : "?");
        }
        one.append(')');
        for (int r = 0; r < rows; r++) {
            sb.append(r > 0 ? ", " : "").append(one);
        }
        sb.append(conflictClause());
        return sb.toString();
    }

    String conflictClause() {
        if (primaryKey.isEmpty()) {
            return "";
        }
        List<String> keys = new ArrayList<>();
        primaryKey.forEach(k -> keys.add(HoloTable.quote(k)));
        String target = " ON CONFLICT (" + String.join(", ", keys) + ")";
        List<String> sets = new ArrayList<>();
        if (mode != HoloConflictMode.IGNORE) {
            for (HoloColumn c : columns) {
                if (!primaryKey.contains(c.name())) {
                    sets.add(HoloTable.quote(c.name()) + " = EXCLUDED." + HoloTable.quote(c.name()));
                }
            }
            if (mode == HoloConflictMode.REPLACE) {
                nullOnReplace.forEach(n -> sets.add(HoloTable.quote(n) + " = NULL"));
            }
        }
        return sets.isEmpty() ? target + " DO NOTHING" : target + " DO UPDATE SET " + String.join(", ", sets);
    }
}
