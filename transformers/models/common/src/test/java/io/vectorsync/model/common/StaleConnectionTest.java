package io.vectorsync.model.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.model.Embeddings;
import io.vectorsync.api.model.ModelLimits;
import io.vectorsync.model.common.testing.ClosingHttpServer;
import io.vectorsync.model.common.testing.FakeVectors;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/**
 * Servers that close connections under the client: every call must succeed, without a model failure, the
 * re-sent requests counted as connection retries.
 */
class StaleConnectionTest {
    private static final int DIM = 4;

    private static OpenAiCompatibleModel model(ModelHttpClient client, String url) {
        return new OpenAiCompatibleModel(client, url, Headers.of(), "m", null, new ModelLimits(10, 0, 0, DIM), "k");
    }

    private static void embedOk(OpenAiCompatibleModel model, String text) throws Exception {
        Embeddings e = model.embed(List.of(text)).get(30, TimeUnit.SECONDS);
        assertEquals(1, e.vectors().size());
        org.junit.jupiter.api.Assertions.assertArrayEquals(FakeVectors.of(text, DIM), e.vectors().get(0));
    }

    @Test
    void http10ServerClosingAfterEachReplyNeverFailsACall() throws Exception {
        try (ClosingHttpServer server = ClosingHttpServer.http10(DIM);
             ModelHttpClient client = new ModelHttpClient("openai", new ModelHttpClient.Settings(5000, 5000), null)) {
            OpenAiCompatibleModel model = model(client, server.url());
            for (int i = 0; i < 40; i++) {
                embedOk(model, "text " + i); // sequential: each call may pick the connection the server just closed
            }
            assertEquals(40, server.requests(), "each text answered exactly once");
            assertEquals(40, server.connections(), "one fresh connection per reply, none wasted");
            assertTrue(client.connectionRetries() <= 1, "only the first reply may be pooled: " + client.connectionRetries());
            System.out.println("HTTP/1.0 server: " + client.connectionRetries() + " requests re-sent on a fresh connection");
        }
    }

    @Test
    void idleKeepAliveConnectionClosedByTheServerIsReplacedSilently() throws Exception {
        try (ClosingHttpServer server = ClosingHttpServer.idleTimeout(1000, DIM);
             ModelHttpClient client = new ModelHttpClient("openai", new ModelHttpClient.Settings(5000, 5000), null)) {
            OpenAiCompatibleModel model = model(client, server.url());
            embedOk(model, "first");
            for (int i = 0; i < 3; i++) {
                Thread.sleep(1300); // longer than the server's idle timeout, shorter than our 4 s keep-alive
                embedOk(model, "after idle " + i);
            }
            assertEquals(4, server.requests());
            assertEquals(4, server.connections(), "the server closed each idle connection");
        }
    }
}
