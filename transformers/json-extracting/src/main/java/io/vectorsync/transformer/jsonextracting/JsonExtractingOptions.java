package io.vectorsync.transformer.jsonextracting;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The parameters of the {@code json-extracting} step and the parsing of its {@code column} entries. */
final class JsonExtractingOptions {
    static final Option<List<Object>> COLUMN = Option.listOption("column").required()
            .description("The columns to extract: [{\"name\": \"text\", \"fromColumn\": \"chunk_text\", \"jsonPath\": "
                    + "\"$.text\", \"type\": \"STRING\", \"nullOrInvalidDataAction\": \"DIRTY_DATA\"}, …]. type is one of "
                    + "STRING (default), LONG, DOUBLE, BOOLEAN, DATE, TIMESTAMP, DECIMAL, JSON (case-insensitive); "
                    + "nullOrInvalidDataAction is DIRTY_DATA (default: the record is dirty) or NULL (the column is NULL).")
            .build();

    static final Set<String> ENTRY_KEYS = Set.of("name", "fromColumn", "jsonPath", "type", "nullOrInvalidDataAction");
    private static final Set<DataType.Kind> TYPES = Set.of(DataType.Kind.STRING, DataType.Kind.INT64,
            DataType.Kind.FLOAT64, DataType.Kind.BOOLEAN, DataType.Kind.DATE, DataType.Kind.TIMESTAMP,
            DataType.Kind.DECIMAL, DataType.Kind.JSON);

    private JsonExtractingOptions() {
    }

    static ConfigSpec spec() {
        return ConfigSpec.builder().add(COLUMN).build();
    }

    /** Parses and checks every entry of {@code column}; fails naming {@code column[i].key}. */
    static List<ExtractColumn> columns(PluginConfig config) {
        List<Object> raw = config.get(COLUMN);
        String step = config.stepName();
        if (raw.isEmpty()) {
            throw invalid(step, "column", "is empty; give at least one column to extract");
        }
        List<ExtractColumn> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String at = "column[" + i + "]";
            if (!(raw.get(i) instanceof Map<?, ?> entry)) {
                throw invalid(step, at, "expected an object {name, fromColumn, jsonPath, type, nullOrInvalidDataAction}, got "
                        + raw.get(i));
            }
            for (Object key : entry.keySet()) {
                if (!ENTRY_KEYS.contains(String.valueOf(key))) {
                    throw invalid(step, at + "." + key, "unknown key; expected " + ENTRY_KEYS);
                }
            }
            String name = text(step, entry, at, "name", null);
            if (!names.add(name)) {
                throw invalid(step, at + ".name", "column \"" + name + "\" is extracted twice");
            }
            String from = text(step, entry, at, "fromColumn", null);
            String pathText = text(step, entry, at, "jsonPath", null);
            JsonPath path;
            try {
                path = JsonPath.compile(pathText);
            } catch (InvalidPathException | IllegalArgumentException e) {
                throw invalid(step, at + ".jsonPath", "\"" + pathText + "\" is not a valid JSON path (" + e.getMessage()
                        + "); write it like \"$.text\" or \"$.meta.tags[0]\"");
            }
            DataType type = type(step, at, text(step, entry, at, "type", "STRING"));
            ExtractColumn.Action action = action(step, at, text(step, entry, at, "nullOrInvalidDataAction", "DIRTY_DATA"));
            columns.add(new ExtractColumn(name, from, pathText, path, type, action));
        }
        return List.copyOf(columns);
    }

    private static String text(String step, Map<?, ?> entry, String at, String key, String defaultValue) {
        Object v = entry.get(key);
        if (v == null) {
            if (defaultValue != null) {
                return defaultValue;
            }
            throw invalid(step, at + "." + key, "is missing");
        }
        if (!(v instanceof String || v instanceof Number || v instanceof Boolean) || v.toString().isBlank()) {
            throw invalid(step, at + "." + key, "expected a non-empty string, got " + v);
        }
        return v.toString().trim();
    }

    private static DataType type(String step, String at, String name) {
        DataType type;
        try {
            type = DataType.parse(name);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null || !TYPES.contains(type.kind())) {
            throw invalid(step, at + ".type", "unsupported type \"" + name
                    + "\"; use one of STRING, LONG, DOUBLE, BOOLEAN, DATE, TIMESTAMP, DECIMAL, JSON");
        }
        return type;
    }

    private static ExtractColumn.Action action(String step, String at, String name) {
        String n = name.toUpperCase(Locale.ROOT);
        for (ExtractColumn.Action a : ExtractColumn.Action.values()) {
            if (a.name().equals(n)) {
                return a;
            }
        }
        throw invalid(step, at + ".nullOrInvalidDataAction", "\"" + name + "\" is not one of DIRTY_DATA, NULL");
    }

    private static PluginException invalid(String step, String key, String problem) {
        return PluginException.config(key, problem + " (step " + step + ")");
    }
}
