package io.vectorsync.writer.searchcommon;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.SparseVector;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a record into the two NDJSON lines of a {@code _bulk} item (one for {@code delete}): the action with
 * {@code _index}, {@code _id} and {@code routing}, then the document (for {@code update}:
 * {@code {"doc":…,"doc_as_upsert":true}}), or only its id, routing and document for a typed bulk client. Values are
 * converted to the column's mapping type; a value that does not convert throws {@link ValueException}.
 */
public final class SearchDocumentEncoder {
    private final SearchFlavor flavor;
    private final ObjectMapper mapper;
    private final String index;
    private final String action;
    private final List<SearchColumn> columns;
    private final int[] positions;
    private final int[] idPositions;
    private final String idDelimiter;
    private final int[] routingPositions;
    private final boolean writeNull;
    private final Pattern splitter;

    /**
     * @param positions        input position of each column
     * @param idPositions      input positions joined into the _id; empty for generated ids
     * @param routingPositions input positions joined into the routing; may be empty
     */
    public SearchDocumentEncoder(SearchFlavor flavor, ObjectMapper mapper, String index, String action,
                                 List<SearchColumn> columns, int[] positions, int[] idPositions, String idDelimiter, int[] routingPositions,
                                 boolean writeNull, String splitter) {
        this.flavor = java.util.Objects.requireNonNull(flavor, "flavor is null");
        this.mapper = mapper;
        this.index = index;
        this.action = action;
        this.columns = List.copyOf(columns);
        this.positions = positions.clone();
        this.idPositions = idPositions.clone();
        this.idDelimiter = idDelimiter;
        this.routingPositions = routingPositions.clone();
        this.writeNull = writeNull;
        this.splitter = Pattern.compile(Pattern.quote(splitter));
    }

    /** The document id of {@code r}, or {@code null} when ids are generated. */
    public String id(Row r) {
        return join(r, idPositions, idDelimiter);
    }

    /** The routing of {@code r}, or {@code null}. */
    public String routing(Row r) {
        return join(r, routingPositions, "");
    }

    /** The id of {@code r}; fails when the action needs one and it is null. */
    public String requireId(Row r) {
        String id = id(r);
        if (id == null && (action.equals("update") || action.equals("delete"))) {
            throw new ValueException("actionType " + action + " needs a document id, but the id is null or not "
                    + "configured; add a column of type \"id\" or primaryKeyInfo");
        }
        return id;
    }

    /** Writes the action line and (except for delete) the document line, each ended by a newline. */
    public void encode(Row r, JsonGenerator gen) throws IOException {
        String id = requireId(r);
        String routing = routing(r);
        gen.writeStartObject();
        gen.writeObjectFieldStart(action);
        gen.writeStringField("_index", index);
        if (id != null) {
            gen.writeStringField("_id", id);
        }
        if (routing != null) {
            gen.writeStringField("routing", routing);
        }
        gen.writeEndObject();
        gen.writeEndObject();
        gen.writeRaw('\n');
        if (action.equals("delete")) {
            return;
        }
        if (action.equals("update")) {
            gen.writeStartObject();
            gen.writeFieldName("doc");
            writeDocument(r, gen);
            gen.writeBooleanField("doc_as_upsert", true);
            gen.writeEndObject();
        } else {
            writeDocument(r, gen);
        }
        gen.writeRaw('\n');
    }

    /** Writes the document's JSON object (for update: the partial document). */
    public void writeDocument(Row r, JsonGenerator gen) throws IOException {
        gen.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
            SearchColumn c = columns.get(i);
            if (c.isId()) {
                continue;
            }
            Object v = r.get(positions[i]);
            if (v == null) {
                // a NULL vector (e.g. an empty text embedded with nullAsEmptyString) leaves the field out; only a
                // partial update with enableWriteNull writes null, to clear the vector stored before
                boolean vector = c.isVector() || c.isSparse();
                if (writeNull && (!vector || action.equals("update"))) {
                    gen.writeNullField(c.name());
                }
                continue;
            }
            gen.writeFieldName(c.name());
            try {
                writeValue(c, v, gen);
            } catch (ValueException e) {
                throw new ValueException("field \"" + c.name() + "\" (" + c.type() + "): " + e.getMessage());
            }
        }
        gen.writeEndObject();
    }

    private void writeValue(SearchColumn c, Object v, JsonGenerator gen) throws IOException {
        if (c.isVector()) {
            writeVector(c, v, gen);
            return;
        }
        if (c.isSparse()) {
            SearchSparseEncoding.write(flavor, mapper, v, gen);
            return;
        }
        if (c.array() && v instanceof String s) {
            gen.writeStartArray();
            for (String part : splitter.split(s, -1)) {
                writeScalar(c.type(), part, gen);
            }
            gen.writeEndArray();
            return;
        }
        if (v instanceof float[] f) {
            gen.writeStartArray();
            for (float x : f) {
                gen.writeNumber(x);
            }
            gen.writeEndArray();
            return;
        }
        if (v instanceof List<?> list) {
            gen.writeStartArray();
            for (Object e : list) {
                if (e == null) {
                    gen.writeNull();
                } else {
                    writeScalar(c.type(), e, gen);
                }
            }
            gen.writeEndArray();
            return;
        }
        writeScalar(c.type(), v, gen);
    }

    private void writeVector(SearchColumn c, Object v, JsonGenerator gen) throws IOException {
        float[] f;
        if (v instanceof float[] arr) {
            f = arr;
        } else if (v instanceof String s) {
            try {
                f = mapper.readValue(s, float[].class);
            } catch (IOException e) {
                throw new ValueException("not a JSON array of numbers: " + shorten(s));
            }
        } else if (v instanceof List<?> list) {
            f = new float[list.size()];
            for (int i = 0; i < f.length; i++) {
                if (!(list.get(i) instanceof Number n)) {
                    throw new ValueException("element " + i + " is not a number: " + list.get(i));
                }
                f[i] = n.floatValue();
            }
        } else {
            throw new ValueException("expected a float vector, got " + v.getClass().getSimpleName());
        }
        if (c.dims() != null && f.length != c.dims()) {
            throw new ValueException("vector has " + f.length + " dimensions, the index expects " + c.dims());
        }
        gen.writeStartArray();
        for (float x : f) {
            if (!Float.isFinite(x)) {
                throw new ValueException("vector holds " + x + ", which " + flavor.product() + " cannot store");
            }
            gen.writeNumber(x);
        }
        gen.writeEndArray();
    }

    private void writeScalar(String type, Object v, JsonGenerator gen) throws IOException {
        switch (type) {
            case "long", "integer", "short", "byte" -> {
                if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                    gen.writeNumber(((Number) v).longValue());
                } else if (v instanceof Number n) {
                    BigDecimal d = new BigDecimal(n.toString());
                    try {
                        gen.writeNumber(d.longValueExact());
                    } catch (ArithmeticException e) {
                        throw new ValueException("not a whole number: " + v);
                    }
                } else if (v instanceof Boolean b) {
                    gen.writeNumber(b ? 1 : 0);
                } else {
                    try {
                        gen.writeNumber(Long.parseLong(v.toString().trim()));
                    } catch (NumberFormatException e) {
                        throw new ValueException("not a whole number: " + shorten(v.toString()));
                    }
                }
            }
            case "double", "float", "half_float", "scaled_float" -> {
                if (v instanceof BigDecimal d) {
                    gen.writeNumber(d);
                } else if (v instanceof Number n) {
                    gen.writeNumber(n.doubleValue());
                } else {
                    try {
                        gen.writeNumber(Double.parseDouble(v.toString().trim()));
                    } catch (NumberFormatException e) {
                        throw new ValueException("not a number: " + shorten(v.toString()));
                    }
                }
            }
            case "boolean" -> {
                if (v instanceof Boolean b) {
                    gen.writeBoolean(b);
                } else if (v instanceof Number n) {
                    gen.writeBoolean(n.longValue() != 0);
                } else {
                    String s = v.toString().trim();
                    if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
                        throw new ValueException("not a boolean: " + shorten(s));
                    }
                    gen.writeBoolean(Boolean.parseBoolean(s));
                }
            }
            case "binary" -> {
                if (v instanceof byte[] b) {
                    gen.writeBinary(b);
                } else {
                    gen.writeString(v.toString());
                }
            }
            case "object", "nested", "geo_shape", "integer_range", "float_range", "long_range", "double_range",
                    "date_range", "ip_range", "flattened", "join" -> writeJson(v, gen);
            default -> writeText(v, gen);
        }
    }

    private void writeJson(Object v, JsonGenerator gen) throws IOException {
        if (v instanceof String s) {
            JsonNode node;
            try {
                node = mapper.readTree(s);
            } catch (IOException e) {
                throw new ValueException("not valid JSON: " + shorten(s));
            }
            mapper.writeTree(gen, node);
        } else if (v instanceof Map<?, ?> || v instanceof List<?>) {
            mapper.writeValue(gen, v);
        } else {
            writeText(v, gen);
        }
    }

    private void writeText(Object v, JsonGenerator gen) throws IOException {
        if (v instanceof String s) {
            gen.writeString(s);
        } else if (v instanceof Instant || v instanceof LocalDate) {
            gen.writeString(v.toString());
        } else if (v instanceof Number || v instanceof Boolean) {
            gen.writeString(v.toString());
        } else if (v instanceof byte[] b) {
            gen.writeBinary(b);
        } else if (v instanceof float[] f) {
            gen.writeStartArray();
            for (float x : f) {
                gen.writeNumber(x);
            }
            gen.writeEndArray();
        } else if (v instanceof SparseVector sv) {
            SearchSparseEncoding.writeIndexObject(sv, gen);
        } else {
            mapper.writeValue(gen, v);
        }
    }

    private static String join(Row r, int[] positions, String delimiter) {
        if (positions.length == 0) {
            return null;
        }
        if (positions.length == 1) {
            return text(r.get(positions[0]));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < positions.length; i++) {
            String part = text(r.get(positions[i]));
            if (part == null) {
                return null;
            }
            if (i > 0) {
                sb.append(delimiter);
            }
            sb.append(part);
        }
        return sb.toString();
    }

    private static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
        }
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }

    private static String shorten(String s) {
        return s.length() <= 64 ? "\"" + s + "\"" : "\"" + s.substring(0, 64) + "…\" (" + s.length() + " chars)";
    }

    /** A value that cannot be written as its column's type; the message names the field. */
    public static final class ValueException extends RuntimeException {
        public ValueException(String message) {
            super(message, null, false, false);
        }
    }
}
