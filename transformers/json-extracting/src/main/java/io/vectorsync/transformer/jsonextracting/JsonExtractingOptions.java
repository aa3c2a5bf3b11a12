package io.vectorsync.transformer.jsonextracting;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The parameters of the {@code json-extracting} step. Each {@code column} entry is validated by {@link #ENTRY},
 * so {@code validate} reports every problem of every entry at its path ({@code column[3].jsonPath}).
 */
final class JsonExtractingOptions {
    private static final Set<DataType.Kind> TYPES = Set.of(DataType.Kind.STRING, DataType.Kind.INT64,
            DataType.Kind.FLOAT64, DataType.Kind.BOOLEAN, DataType.Kind.DATE, DataType.Kind.TIMESTAMP,
            DataType.Kind.DECIMAL, DataType.Kind.JSON);

    static final Option<String> NAME = Option.stringOption("name").required()
            .check(s -> !s.isBlank(), "must not be blank")
            .description("The new column; a column of the same name in the input is replaced in place, otherwise"
                    + " it is appended.").build();
    static final Option<String> FROM_COLUMN = Option.stringOption("fromColumn").required()
            .check(s -> !s.isBlank(), "must not be blank")
            .description("The input column holding JSON text (strings, JSON columns, or bytes read as UTF-8).")
            .build();
    static final Option<String> JSON_PATH = Option.stringOption("jsonPath").required()
            .check(JsonExtractingOptions::validPath, "is not a valid JSON path; write it like \"$.text\" or"
                    + " \"$.meta.tags[0]\"")
            .description("A Jayway JSON path such as $.text, $.meta.tags[0], $.items[*].tag.").build();
    static final Option<String> TYPE = Option.stringOption("type").defaultValue("STRING")
            .check(JsonExtractingOptions::supportedType, "is not supported; use one of STRING, LONG, DOUBLE,"
                    + " BOOLEAN, DATE, TIMESTAMP, DECIMAL, JSON")
            .description("STRING, LONG, DOUBLE, BOOLEAN, DATE, TIMESTAMP, DECIMAL or JSON, case-insensitive (aliases"
                    + " such as bigint, varchar, datetime are accepted).").build();
    static final Option<String> ACTION = Option.stringOption("nullOrInvalidDataAction").defaultValue("DIRTY_DATA")
            .oneOf("DIRTY_DATA", "NULL")
            .description("DIRTY_DATA: a record whose value is missing or does not convert is dirty; NULL: the"
                    + " column is NULL and the record goes on.").build();
    static final ConfigSpec ENTRY = ConfigSpec.builder().add(NAME, FROM_COLUMN, JSON_PATH, TYPE, ACTION).build();

    static final Option<List<PluginConfig>> COLUMN = Option.listOf("column", ENTRY).required()
            .check(l -> !l.isEmpty(), "is empty; give at least one column to extract")
            .description("The columns to extract, each an object with the keys below.")
            .build();

    private JsonExtractingOptions() {
    }

    static ConfigSpec spec() {
        return ConfigSpec.builder().add(COLUMN).build();
    }

    /**
     * The entries of {@code column} (each already validated by {@link #ENTRY}); a name extracted twice fails,
     * naming every such {@code column[i].name}.
     */
    static List<ExtractColumn> columns(PluginConfig config) {
        List<PluginConfig> raw = config.get(COLUMN);
        String step = config.stepName();
        if (raw.isEmpty()) {
            throw PluginException.config("column", "is empty; give at least one column to extract (step " + step + ")");
        }
        List<ExtractColumn> columns = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            PluginConfig entry = raw.get(i);
            String name = entry.get(NAME).trim();
            if (!names.add(name)) {
                twice.add("\"column[" + i + "].name\": column \"" + name + "\" is extracted twice");
                continue;
            }
            String pathText = entry.get(JSON_PATH).trim();
            columns.add(new ExtractColumn(name, entry.get(FROM_COLUMN).trim(), pathText, JsonPath.compile(pathText),
                    DataType.parse(entry.get(TYPE)),
                    ExtractColumn.Action.valueOf(entry.get(ACTION).toUpperCase(Locale.ROOT))));
        }
        if (!twice.isEmpty()) {
            throw new PluginException(CommonErrorCode.CONFIG_INVALID, String.join("; ", twice) + " (step " + step + ")");
        }
        return List.copyOf(columns);
    }

    private static boolean validPath(String path) {
        try {
            JsonPath.compile(path.trim());
            return true;
        } catch (InvalidPathException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean supportedType(String name) {
        try {
            return TYPES.contains(DataType.parse(name).kind());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
