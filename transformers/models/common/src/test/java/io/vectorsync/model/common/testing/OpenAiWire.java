package io.vectorsync.model.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.RecordedRequest;

/** The OpenAI embeddings wire format, as a fake server writes and reads it. */
public final class OpenAiWire {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiWire() {
    }

    /** {@code {"object":"list","data":[{"index","embedding"}],"usage":{...}}} listing vectors in {@code order}. */
    public static String reply(List<float[]> vectors, int[] order, long tokens) {
        ObjectNode root = JSON.createObjectNode().put("object", "list").put("model", "m");
        ArrayNode data = root.putArray("data");
        for (int i : order) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            ArrayNode emb = item.putArray("embedding");
            for (float f : vectors.get(i)) {
                emb.add(f);
            }
        }
        root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return root.toString();
    }

    /** {@code {"error":{"message","type","code"}}}. */
    public static String error(String code, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", "invalid_request_error").put("code", code);
        return root.toString();
    }

    public static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The {@code input} texts of a recorded request. */
    public static List<String> inputOf(RecordedRequest request) {
        try {
            return strings(JSON.readTree(request.getBody().clone().readUtf8()).get("input"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
