package io.vectorsync.model.bailian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.ModelException;
import io.vectorsync.model.common.testing.HttpModelContract;
import io.vectorsync.model.common.testing.OpenAiWire;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class BailianNativeModelTest extends HttpModelContract {
    static final int DIM = 64;

    BailianNativeModelTest() {
        super(new Provider(new BailianModelFactory(), DIM,
                "/api/v1/services/embeddings/text-embedding/text-embedding"));
    }

    @Override
    protected Map<String, Object> params(String baseUrl) {
        return Map.of("modelName", "text-embedding-v4", "apiKey", API_KEY, "endpoint", baseUrl,
                "dimension", DIM);
    }

    @Override
    protected void assertBody(JsonNode body, List<String> texts) {
        assertEquals("text-embedding-v4", body.get("model").asText());
        assertEquals(texts, OpenAiWire.strings(body.get("input").get("texts")));
        assertEquals(DIM, body.get("parameters").get("dimension").asInt());
        assertEquals("document", body.get("parameters").get("text_type").asText());
    }

    @Override
    protected String successBody(List<float[]> vectors, int[] order, long tokens) {
        return DashScopeWire.reply(vectors, order, tokens);
    }

    @Override
    protected String errorBody(String code, String message) {
        return DashScopeWire.error(code, message);
    }

    @Override
    protected List<String> textsOf(RecordedRequest request) {
        return DashScopeWire.texts(request);
    }

    @Test
    void theSeedJobsParametersWork() throws Exception {
        // the DataWorks example: modelName text-embedding-v4, dimension 128 (as a number), apiKey
        Map<String, Object> p = Map.of("modelName", "text-embedding-v4", "apiKey", API_KEY, "dimension", 128,
                "endpoint", baseUrl());
        EmbeddingModel m = open(p);
        assertEquals(10, m.limits().maxRowsPerCall());
        assertEquals(8192, m.limits().maxTokensPerText());
        assertEquals(128, m.limits().dimension());
        assertEquals("bailian|text-embedding-v4|128|document", m.cacheKey());
        assertEquals(1024, open(Map.of("modelName", "text-embedding-v3", "apiKey", API_KEY)).limits().dimension());
    }

    @Test
    void dimensionIsCheckedPerModelWhenTheStepIsCreated() {
        PluginException v4 = assertThrows(PluginException.class, () -> open(paramsWith("dimension", "100")));
        assertEquals("\"dimension\": text-embedding-v4 supports dimension 2048, 1536, 1024, 768, 512, 256, 128, 64 "
                + "(was 100)", v4.getMessage());
        Map<String, Object> v3 = new HashMap<>(paramsWith("dimension", 2048));
        v3.put("modelName", "text-embedding-v3");
        PluginException e3 = assertThrows(PluginException.class, () -> open(v3));
        assertTrue(e3.getMessage().contains("1024, 768, 512, 256, 128, 64"), e3.getMessage());
        PluginException unknown = assertThrows(PluginException.class, () -> open(paramsWith("modelName", "bge-m3")));
        assertTrue(unknown.getMessage().startsWith("\"modelName\""), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("text-embedding-v4, text-embedding-v3"), unknown.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void queryTextTypeAndWorkspaceAreSent() throws Exception {
        Map<String, Object> p = new HashMap<>(params(baseUrl()));
        p.put("textType", "query");
        p.put("workspace", "ws-123");
        RecordedRequest request = sendOne(p, DIM);
        assertEquals("query", bodyOf(request).get("parameters").get("text_type").asText());
        assertEquals("ws-123", request.getHeader("X-DashScope-WorkSpace"));
        assertTrue(open(p).cacheKey().endsWith("|query"));
    }

    @Test
    void v2HasNoDimensionParameterAndTakes25Rows() throws Exception {
        Map<String, Object> p = Map.of("modelName", "text-embedding-v2", "apiKey", API_KEY, "endpoint", baseUrl());
        JsonNode body = bodyOf(sendOne(p, 1536));
        assertFalse(body.get("parameters").has("dimension"), body.toString());
        assertEquals(25, open(p).limits().maxRowsPerCall());
    }

    @Test
    void batchTooLargeIsBadInputWithDashScopesMessage() throws Exception {
        server.enqueue(json(400, DashScopeWire.error("InvalidParameter",
                "batch size is invalid, it should not be larger than 10.: input.contents")));
        ModelException e = failure(open(), List.of("a"));
        assertEquals(ModelException.Kind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().contains("InvalidParameter: batch size is invalid"), e.getMessage());
        assertTrue(e.getMessage().contains("request_id req-err-7"), e.getMessage());
    }

    @Test
    void nativeModeRefusesTheCompatibleEndpoint() {
        PluginException e = assertThrows(PluginException.class,
                () -> open(paramsWith("endpoint", "https://dashscope-intl.aliyuncs.com/compatible-mode/v1")));
        assertTrue(e.getMessage().contains("apiMode"), e.getMessage());
        EmbeddingModel intl = open(paramsWith("endpoint", "https://dashscope-intl.aliyuncs.com/"));
        assertEquals("https://dashscope-intl.aliyuncs.com" + provider.expectedPath(),
                ((io.vectorsync.model.common.HttpEmbeddingModel) intl).url());
    }

    @Test
    void pricesComeFromTheModelTablePerRegion() throws Exception {
        EmbeddingModel beijing = open(paramsWith("endpoint", "https://dashscope.aliyuncs.com"));
        assertEquals(new EmbeddingModel.Price(0.072, "USD"), beijing.price().orElseThrow());
        EmbeddingModel singapore = open(paramsWith("endpoint", "https://dashscope-intl.aliyuncs.com"));
        assertEquals(new EmbeddingModel.Price(0.07, "USD"), singapore.price().orElseThrow());
        java.util.Map<String, Object> v2 = paramsWith("modelName", "text-embedding-v2");
        v2.remove("dimension");
        assertTrue(open(v2).price().isEmpty(), "no list price for v2");
    }
}
