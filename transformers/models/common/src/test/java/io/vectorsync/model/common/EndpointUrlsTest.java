package io.vectorsync.model.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EndpointUrlsTest {
    @Test
    void joinsBaseAndPathLeniently() {
        assertEquals("https://api.openai.com/v1/embeddings", EndpointUrls.join("https://api.openai.com", "/v1/embeddings"));
        assertEquals("https://api.openai.com/v1/embeddings", EndpointUrls.join("https://api.openai.com/", "v1/embeddings"));
        assertEquals("http://h/v1/embeddings", EndpointUrls.join("http://h/v1/embeddings/", "/v1/embeddings"));
        assertEquals("http://h/x/embeddings", EndpointUrls.join("http://h/x/embeddings", "/v1/embeddings", "/embeddings"));
        assertEquals("http://h/api/predict/svc/v1/embeddings",
                EndpointUrls.join("http://h/api/predict/svc", "/v1/embeddings"));
    }
}
