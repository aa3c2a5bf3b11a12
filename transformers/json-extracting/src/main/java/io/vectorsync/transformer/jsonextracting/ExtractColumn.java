package io.vectorsync.transformer.jsonextracting;

import static java.util.Objects.requireNonNull;

import com.jayway.jsonpath.JsonPath;
import io.vectorsync.api.record.DataType;

/**
 * One entry of the {@code column} parameter: the new column {@code name} of {@code type}, extracted from the
 * JSON text in {@code fromColumn} at {@code jsonPath} (compiled once).
 */
record ExtractColumn(String name, String fromColumn, String jsonPathText, JsonPath jsonPath, DataType type,
                     Action action) {

    /** What happens when the source is NULL or not JSON, the path is missing, or the value does not convert. */
    enum Action {
        /** The record is reported dirty with the reason. */
        DIRTY_DATA,
        /** The new column is NULL and the record goes on. */
        NULL
    }

    ExtractColumn {
        requireNonNull(name, "name is null");
        requireNonNull(fromColumn, "fromColumn is null");
        requireNonNull(jsonPath, "jsonPath is null");
        requireNonNull(type, "type is null");
        requireNonNull(action, "action is null");
    }
}
