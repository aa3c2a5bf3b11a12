package io.vectorsync.writer.searchcommon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Schema;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A writer step's columns bound to its input schema: each column resolved against its input field (type and vector
 * dimension), and the encoder reading the id, routing and column values from their input positions.
 *
 * @param columns the resolved columns, in {@code column} order
 * @param encoder the document encoder of the step
 */
public record SearchBinding(List<SearchColumn> columns, SearchDocumentEncoder encoder) {

    /** Fails when {@code action} (update, delete) needs document ids and {@code idRule} gives none. */
    public static void requireIds(String step, String action, SearchIdRule idRule) {
        if ((action.equals("update") || action.equals("delete")) && idRule.columns().isEmpty()) {
            throw PluginException.config("actionType", "step \"" + step + "\": actionType " + action
                    + " needs document ids; add a column of type \"id\" or primaryKeyInfo {\"type\":\"pk\",\"column\":[…]}");
        }
    }

    /**
     * Resolves {@code declared} against {@code input}; every name must be a field of the input.
     *
     * @param partitionColumns the {@code esPartitionColumn} entries ({@link SearchColumnSpec#ROUTING}), may be null
     */
    public static SearchBinding bind(SearchDialect dialect, String step, ObjectMapper mapper, String index,
                                     String action, List<SearchColumn> declared, SearchIdRule idRule,
                                     List<PluginConfig> partitionColumns, boolean writeNull, String splitter, Schema input) {
        List<SearchColumn> resolved = new ArrayList<>();
        int[] positions = new int[declared.size()];
        for (int i = 0; i < declared.size(); i++) {
            SearchColumn c = declared.get(i);
            int p = input.indexOf(c.name());
            if (p < 0) {
                throw new PluginException(CommonErrorCode.COLUMN_NOT_FOUND, "step \"" + step + "\": column \"" + c.name()
                        + "\" is not a field of the input; available fields: " + input.names());
            }
            positions[i] = p;
            resolved.add(c.resolve(step, input.field(p)));
        }
        int[] idPositions = positionsOf(step, input, idRule.columns(), "primaryKeyInfo");
        int[] routingPositions = positionsOf(step, input, partitionColumns == null ? List.of()
                : partitionColumns.stream().map(c -> c.get(SearchColumnSpec.ROUTING_NAME)).toList(), "esPartitionColumn");
        SearchDocumentEncoder encoder = new SearchDocumentEncoder(dialect.flavor(), mapper, index, action, resolved,
                positions, idPositions, idRule.delimiter(), routingPositions, writeNull, splitter);
        return new SearchBinding(List.copyOf(resolved), encoder);
    }

    /**
     * Fails when an existing index ({@code mappingReply}: the body of {@code GET <index>/_mapping}) maps a vector
     * column as another type or with another dimension than the input's.
     */
    public static void checkVectorMappings(SearchDialect dialect, String step, String index, List<SearchColumn> columns,
                                           JsonNode mappingReply) {
        String vectorType = dialect.flavor().vectorType();
        String dimsKey = dialect.flavor().dimsKey();
        for (JsonNode idx : mappingReply) {
            JsonNode props = idx.path("mappings").path("properties");
            for (SearchColumn c : columns) {
                if (!c.isVector()) {
                    continue;
                }
                JsonNode f = props.path(c.name());
                if (f.isMissingNode()) {
                    continue;
                }
                String type = f.path("type").asText();
                if (!type.equals(vectorType)) {
                    throw new PluginException(dialect.error(SearchErrorKind.DIMENSION_MISMATCH), "step \"" + step
                            + "\": index \"" + index + "\" maps field \"" + c.name() + "\" as " + type + ", not "
                            + vectorType + "; write to another index, or set cleanup:true to recreate it");
                }
                int dims = f.path(dimsKey).asInt(0);
                if (dims != 0 && dims != c.dims()) {
                    throw new PluginException(dialect.error(SearchErrorKind.DIMENSION_MISMATCH), "step \"" + step
                            + "\": index \"" + index + "\" maps \"" + c.name() + "\" as " + vectorType + " with "
                            + dimsKey + " " + dims + " but the input vectors have " + c.dims()
                            + " dimensions; use an embedding dimension of " + dims
                            + ", another index, or cleanup:true to recreate it");
                }
            }
        }
    }

    /**
     * The mapping of the columns (the id column has none); with {@code dynamic} only the vector fields.
     * {@code defaultEngine}/{@code defaultSpaceType} are OpenSearch's (null for Elasticsearch).
     */
    public Map<String, Object> properties(boolean dynamic, String defaultEngine, String defaultSpaceType) {
        Map<String, Object> props = new java.util.LinkedHashMap<>();
        for (SearchColumn c : columns) {
            Map<String, Object> m = c.mapping(defaultEngine, defaultSpaceType);
            if (m != null && (!dynamic || c.isVector())) {
                props.put(c.name(), m);
            }
        }
        return props;
    }

    /** The URL path of {@code index} followed by {@code suffix} (e.g. "/_mapping"). */
    public static String indexPath(String index, String suffix) {
        return "/" + URLEncoder.encode(index, StandardCharsets.UTF_8) + suffix;
    }

    private static int[] positionsOf(String step, Schema input, List<String> names, String parameter) {
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = input.indexOf(names.get(i));
            if (out[i] < 0) {
                throw new PluginException(CommonErrorCode.COLUMN_NOT_FOUND, "step \"" + step + "\": " + parameter
                        + " names \"" + names.get(i) + "\", which is not a field of the input; available fields: "
                        + input.names());
            }
        }
        return out;
    }
}
