package io.vectorsync.writer.hologres;

import java.util.Objects;

/**
 * A column of the target table as the catalog describes it.
 *
 * @param typeName   pg_type.typname: int8, text, varchar, _float4, jsonb…
 * @param sqlType    format_type(): "character varying(10)", "real[]"… used to cast INSERT parameters
 * @param dimension  for float4[]/float8[] columns, the array_length CHECK found on the table; else 0
 */
public record HoloColumn(String name, String typeName, String sqlType, boolean notNull, int dimension) {
    public HoloColumn {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(typeName, "typeName is null");
        Objects.requireNonNull(sqlType, "sqlType is null");
    }

    boolean isFloatArray() {
        return typeName.equals("_float4") || typeName.equals("_float8");
    }
}
