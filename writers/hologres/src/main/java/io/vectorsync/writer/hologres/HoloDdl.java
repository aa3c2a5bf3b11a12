package io.vectorsync.writer.hologres;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Generates the statements that create the target table from the upstream fields: float vectors become
 * {@code float4[]} with Hologres' dimension CHECK; on Hologres the optional vector index is attached as the
 * {@code vectors} table property (HGraph, V4.0+) or the Proxima {@code proxima_vectors} property (Graph).
 */
final class HoloDdl {
    private HoloDdl() {
    }

    static String sqlType(DataType t) {
        return switch (t.kind()) {
            case BOOLEAN -> "boolean";
            case INT64 -> "bigint";
            case FLOAT64 -> "double precision";
            case STRING -> "text";
            case BYTES -> "bytea";
            case DATE -> "date";
            case TIMESTAMP -> "timestamptz";
            case DECIMAL -> "numeric(38,10)";
            case JSON, SPARSE_VECTOR -> "jsonb";
            case FLOAT_VECTOR -> "float4[]";
            case ARRAY -> sqlType(t.elementType()) + "[]";
        };
    }

    /**
     * The statements, in order. {@code hologres} adds the vector index properties; {@code vectorIndex} may be
     * null (no index).
     */
    static List<String> createTable(String schema, String table, List<Field> fields, List<String> primaryKey,
                                    Map<String, Object> vectorIndex, boolean hologres) {
        String qualified = HoloTable.qualified(schema, table);
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(qualified).append(" (");
        List<String> vectorColumns = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            String col = HoloTable.quote(f.name());
            sb.append(i > 0 ? ", " : "").append(col).append(' ').append(sqlType(f.type()));
            if (primaryKey.contains(f.name())) {
                sb.append(" NOT NULL");
            }
            if (f.type().kind() == DataType.Kind.FLOAT_VECTOR) {
                vectorColumns.add(f.name());
                sb.append(" CHECK (array_ndims(").append(col).append(") = 1 AND array_length(").append(col)
                        .append(", 1) = ").append(f.type().dimension()).append(')');
            }
        }
        if (!primaryKey.isEmpty()) {
            sb.append(", PRIMARY KEY (");
            for (int i = 0; i < primaryKey.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(HoloTable.quote(primaryKey.get(i)));
            }
            sb.append(')');
        }
        sb.append(')');
        List<String> out = new ArrayList<>();
        if (!hologres || vectorIndex == null || vectorIndex.isEmpty() || vectorColumns.isEmpty()) {
            out.add(sb.toString());
            return out;
        }
        String algorithm = String.valueOf(vectorIndex.getOrDefault("algorithm", "HGraph"));
        String json = vectorsJson(vectorColumns, vectorIndex, algorithm);
        if (algorithm.equalsIgnoreCase("HGraph")) {
            sb.append(" WITH (vectors = ").append(literal(json)).append(')');
            out.add(sb.toString());
        } else if (algorithm.equalsIgnoreCase("Graph")) {
            out.add("CREATE EXTENSION IF NOT EXISTS proxima");
            out.add("BEGIN");
            out.add(sb.toString());
            out.add("CALL set_table_property(" + literal(qualified) + ", 'proxima_vectors', " + literal(json) + ")");
            out.add("COMMIT");
        } else {
            throw PluginException.config("vectorIndex.algorithm", "unknown algorithm \"" + algorithm
                    + "\"; use HGraph (Hologres V4.0+) or Graph (Proxima)");
        }
        return out;
    }

    private static String vectorsJson(List<String> columns, Map<String, Object> index, String algorithm) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < columns.size(); i++) {
            Map<String, Object> spec = new java.util.LinkedHashMap<>();
            spec.put("algorithm", algorithm.equalsIgnoreCase("HGraph") ? "HGraph" : "Graph");
            Object distance = index.containsKey("distance_method") ? index.get("distance_method") : index.get("distanceMethod");
            spec.put("distance_method", distance == null ? (algorithm.equalsIgnoreCase("HGraph") ? "Cosine"
                    : "SquaredEuclidean") : distance.toString());
            Object params = index.containsKey("builder_params") ? index.get("builder_params") : index.get("builderParams");
            if (params != null) {
                spec.put("builder_params", params);
            }
            sb.append(i > 0 ? "," : "").append(HoloValues.toJson(columns.get(i))).append(':')
                    .append(HoloValues.toJson(spec));
        }
        return sb.append('}').toString();
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
