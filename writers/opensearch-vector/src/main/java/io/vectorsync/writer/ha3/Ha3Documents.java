package io.vectorsync.writer.ha3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Field;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns rows into push commands, {@code {"cmd":"add","fields":{...}}}, each encoded once as JSON bytes so a batch
 * can be split by size or bisected without encoding it again. Field values follow the engine's JSON push format:
 * numbers, strings, booleans, and JSON arrays for multi-value fields such as vectors (the SDK's push example sends
 * {@code "vector": [0.19, 0.62]}).
 */
final class Ha3Documents {
    /** One column to write: the input position, the table field name, and how its value is written. */
    record Column(int position, String name, String type) {
    }

    /** A row and its encoded command, or the reason it cannot be encoded. */
    record Encoded(Row row, byte[] json, String problem) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Column> columns;
    private final Column primaryKey;
    private final String command;

    private Ha3Documents(List<Column> columns, Column primaryKey, String command) {
        this.columns = columns;
        this.primaryKey = primaryKey;
        this.command = command;
    }

    /** Resolves {@code column} and {@code primaryKey} against the input schema; throws naming the bad entry. */
    static Ha3Documents bind(PluginConfig config, Schema input) {
        List<PluginConfig> entries = config.get(Ha3Options.COLUMN);
        List<Column> columns = new ArrayList<>();
        if (entries.size() == 1 && "*".equals(entries.get(0).get(Ha3Options.COLUMN_NAME).trim())) {
            for (int i = 0; i < input.size(); i++) {
                columns.add(column(i, input.field(i), "auto", "column[\"*\"]"));
            }
        } else {
            for (int i = 0; i < entries.size(); i++) {
                String name = entries.get(i).get(Ha3Options.COLUMN_NAME).trim();
                String type = entries.get(i).get(Ha3Options.COLUMN_TYPE).trim().toLowerCase(Locale.ROOT);
                int position = input.indexOf(name);
                if (position < 0) {
                    throw new PluginException(Ha3ErrorCode.COLUMN_INVALID, "column[" + i + "] \"" + name
                            + "\" is not a field of the input; the input has " + input.names());
                }
                columns.add(column(position, input.field(position), type, "column[" + i + "]"));
            }
        }
        String pk = config.getIfSet(Ha3Options.PRIMARY_KEY).map(String::trim).orElse(null);
        Column primaryKey = null;
        for (Column c : columns) {
            if (c.name().equals(pk == null ? "id" : pk)) {
                primaryKey = c;
            }
        }
        if (primaryKey == null) {
            throw new PluginException(Ha3ErrorCode.COLUMN_INVALID, pk == null
                    ? "no column is named id: set primaryKey to the table's primary key field (one of the columns "
                    + names(columns) + ")"
                    : "primaryKey \"" + pk + "\" is not among the columns " + names(columns));
        }
        String command = config.get(Ha3Options.WRITE_MODE).trim().toLowerCase(Locale.ROOT);
        return new Ha3Documents(List.copyOf(columns), primaryKey, command);
    }

    private static Column column(int position, Field field, String type, String path) {
        if (field.type().kind() == DataType.Kind.SPARSE_VECTOR) {
            throw new PluginException(Ha3ErrorCode.COLUMN_INVALID, path + " \"" + field.name() + "\" is a sparse "
                    + "vector: the Vector Search Edition takes sparse vectors as two fields (indices and values); "
                    + "write them as two array columns instead");
        }
        return new Column(position, field.name(), type);
    }

    private static List<String> names(List<Column> columns) {
        return columns.stream().map(Column::name).toList();
    }

    String primaryKeyField() {
        return primaryKey.name();
    }

    String command() {
        return command;
    }

    /** Encodes one row as a push command; a value that cannot be written gives a problem instead. */
    Encoded encode(Row row) {
        if (row.isNull(primaryKey.position())) {
            return new Encoded(row, null, "primary key field \"" + primaryKey.name() + "\" is null");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Column c : command.equals("delete") ? List.of(primaryKey) : columns) {
            Object value = row.get(c.position());
            if (value == null) {
                continue; // left out: the engine gives a missing field its default (add) or keeps it (update)
            }
            try {
                fields.put(c.name(), convert(value, c.type()));
            } catch (IllegalArgumentException e) {
                return new Encoded(row, null, "field \"" + c.name() + "\": " + e.getMessage());
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("cmd", command);
        doc.put("fields", fields);
        try {
            return new Encoded(row, mapper.writeValueAsBytes(doc), null);
        } catch (JsonProcessingException e) {
            return new Encoded(row, null, "cannot be encoded as JSON: " + e.getOriginalMessage());
        }
    }

    private static Object convert(Object value, String type) {
        return switch (type) {
            case "vector" -> vector(value);
            case "string" -> value instanceof float[] f ? join(f) : value instanceof byte[] b
                    ? Base64.getEncoder().encodeToString(b) : value.toString();
            default -> auto(value);
        };
    }

    private static Object auto(Object value) {
        if (value instanceof Instant t) {
            return t.toEpochMilli(); // DataWorks maps dates to the engine's INT type: epoch milliseconds
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        if (value instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        return value; // numbers, strings, booleans, float[] and lists are written as JSON by Jackson
    }

    /** A float vector from a float[], a list of numbers, or text like "[0.1, 0.2]", "0.1,0.2" or "0.1 0.2". */
    static float[] vector(Object value) {
        if (value instanceof float[] f) {
            return f;
        }
        if (value instanceof List<?> list) {
            float[] out = new float[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(list.get(i) instanceof Number n)) {
                    throw new IllegalArgumentException("element " + i + " of the vector is not a number: " + list.get(i));
                }
                out[i] = n.floatValue();
            }
            return out;
        }
        if (value instanceof CharSequence text) {
            String s = text.toString().trim();
            if (s.startsWith("[") && s.endsWith("]")) {
                s = s.substring(1, s.length() - 1).trim();
            }
            if (s.isEmpty()) {
                throw new IllegalArgumentException("the vector text is empty");
            }
            String[] parts = s.split("[,\\s]+");
            float[] out = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    out[i] = Float.parseFloat(parts[i]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("element " + i + " of the vector text is not a number: \""
                            + abbreviate(parts[i]) + "\"");
                }
            }
            return out;
        }
        throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " is not a vector");
    }

    private static String join(float[] f) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < f.length; i++) {
            sb.append(i == 0 ? "" : ",").append(f[i]);
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
