package io.vectorsync.model.bailian;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vectorsync.model.common.testing.OpenAiWire;
import java.util.List;
import okhttp3.mockwebserver.RecordedRequest;

/** Model Studio's native wire format, as the fake server writes and reads it. */
final class DashScopeWire {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DashScopeWire() {
    }

    static String reply(List<float[]> vectors, int[] order, long tokens) {
        ObjectNode root = JSON.createObjectNode().put("status_code", 200).put("request_id", "req-1")
                .put("code", "").put("message", "");
        ArrayNode embeddings = root.putObject("output").putArray("embeddings");
        for (int i : order) {
            ObjectNode item = embeddings.addObject().put("text_index", i);
            ArrayNode emb = item.putArray("embedding");
            for (float f : vectors.get(i)) {
                emb.add(f);
            }
        }
        root.putObject("usage").put("total_tokens", tokens);
        return root.toString();
    }

    /**
     * A native reply with {@code sparse_embedding} per item ({@code [{"index", "value", "token"}]}); {@code dense}
     * null leaves {@code embedding} out (output_type sparse). {@code sparse.get(i)} is {long[] indices, float[] values}.
     */
    static String sparseReply(List<float[]> dense, List<List<Object>> sparse, int[] order, boolean withDense) {
        ObjectNode root = JSON.createObjectNode().put("request_id", "req-sparse");
        ArrayNode embeddings = root.putObject("output").putArray("embeddings");
        for (int i : order) {
            ObjectNode item = embeddings.addObject().put("text_index", i);
            if (withDense && dense != null) {
                ArrayNode emb = item.putArray("embedding");
                for (float f : dense.get(i)) {
                    emb.add(f);
                }
            }
            long[] indices = (long[]) sparse.get(i).get(0);
            float[] values = (float[]) sparse.get(i).get(1);
            ArrayNode sp = item.putArray("sparse_embedding");
            for (int k = 0; k < indices.length; k++) {
                sp.addObject().put("index", indices[k]).put("value", values[k]).put("token", "tok" + indices[k]);
            }
        }
        root.putObject("usage").put("total_tokens", 3);
        return root.toString();
    }

    static String error(String code, String message) {
        return JSON.createObjectNode().put("code", code).put("message", message).put("request_id", "req-err-7")
                .toString();
    }

    static List<String> texts(RecordedRequest request) {
        try {
            return OpenAiWire.strings(JSON.readTree(request.getBody().clone().readUtf8()).get("input").get("texts"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
