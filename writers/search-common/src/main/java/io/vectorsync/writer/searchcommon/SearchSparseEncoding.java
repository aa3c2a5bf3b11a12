package io.vectorsync.writer.searchcommon;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.record.SparseVector;
import io.vectorsync.writer.searchcommon.SearchDocumentEncoder.ValueException;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a sparse vector becomes an Elasticsearch {@code sparse_vector} / OpenSearch {@code rank_features} value: a
 * JSON object of feature name → weight.
 *
 * <p>Feature names are the sparse vector's indices written as decimal strings ({@code {"1024": 0.42}}): the model's
 * vocabulary ids, identical for a document and a query embedded by the same model, and never containing a dot.
 * (Model Studio also returns each index's token text, but tokens are not unique per index across casing and may
 * contain dots, which both engines refuse in feature names.) A value given as a JSON object or a map keeps its keys.
 *
 * <p>Weights: both engines index a feature with Lucene's {@code FeatureField}, which accepts only positive normal
 * floats. A weight of exactly 0 is left out (it adds nothing to a dot product, so scores are unchanged); a negative,
 * NaN, infinite or subnormal weight, and a key with a dot, make the record dirty with the index named: changing
 * them would change the scores silently.
 */
final class SearchSparseEncoding {
    private SearchSparseEncoding() {
    }

    /** Writes {@code v} (a SparseVector, a map, or JSON object text) as a feature object, checking every weight. */
    static void write(SearchFlavor flavor, ObjectMapper mapper, Object v, JsonGenerator gen) throws IOException {
        Map<String, Float> features = new LinkedHashMap<>();
        if (v instanceof SparseVector s) {
            for (int i = 0; i < s.size(); i++) {
                features.put(Integer.toUnsignedString(s.index(i)), s.value(i));
            }
        } else if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                features.put(String.valueOf(e.getKey()), weight(e.getKey(), e.getValue()));
            }
        } else if (v instanceof String text) {
            JsonNode node;
            try {
                node = mapper.readTree(text);
            } catch (IOException e) {
                node = null;
            }
            if (node == null || !node.isObject()) {
                throw new ValueException("expected a sparse vector or a JSON object of feature weights like "
                        + "{\"12\": 0.5}, got " + shorten(text));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                features.put(e.getKey(), weight(e.getKey(), e.getValue().isNumber() ? e.getValue().numberValue()
                        : e.getValue().asText()));
            }
        } else {
            throw new ValueException("expected a sparse vector, got " + v.getClass().getSimpleName());
        }
        gen.writeStartObject();
        for (Map.Entry<String, Float> e : features.entrySet()) {
            String key = e.getKey();
            float w = e.getValue();
            check(flavor, key, w);
            if (w != 0f) {
                gen.writeNumberField(key, w);
            }
        }
        gen.writeEndObject();
    }

    /** Writes {@code {"index": value, …}} with no checks (for a sparse vector in a field of another type). */
    static void writeIndexObject(SparseVector s, JsonGenerator gen) throws IOException {
        gen.writeStartObject();
        for (int i = 0; i < s.size(); i++) {
            gen.writeNumberField(Integer.toUnsignedString(s.index(i)), s.value(i));
        }
        gen.writeEndObject();
    }

    private static void check(SearchFlavor flavor, String key, float w) {
        if (key.isEmpty() || key.indexOf('.') >= 0) {
            throw new ValueException("feature name \"" + key + "\" is empty or holds a dot, which "
                    + flavor.product() + " refuses in a " + flavor.sparseType() + " field");
        }
        if (!Float.isFinite(w) || w < 0f) {
            throw new ValueException("weight " + w + " at \"" + key + "\": " + flavor.product() + "'s "
                    + flavor.sparseType() + " stores only positive finite weights");
        }
        if (w > 0f && w < Float.MIN_NORMAL) {
            throw new ValueException("weight " + w + " at \"" + key + "\" is below the smallest weight "
                    + flavor.product() + " can store (" + Float.MIN_NORMAL + ")");
        }
    }

    private static float weight(Object key, Object value) {
        if (value instanceof Number n) {
            return n.floatValue();
        }
        try {
            return Float.parseFloat(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new ValueException("weight of \"" + key + "\" is not a number: " + shorten(String.valueOf(value)));
        }
    }

    private static String shorten(String s) {
        return s.length() <= 64 ? "\"" + s + "\"" : "\"" + s.substring(0, 64) + "…\" (" + s.length() + " chars)";
    }
}
