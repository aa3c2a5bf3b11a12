package io.vectorsync.writer.searchcommon.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.Metrics;
import io.vectorsync.api.error.ErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A cluster that refuses connections fails the step at check() after a few quick tries, not trySize backoffs.
 * Each search writer's test extends this with its factory, its UNAVAILABLE code and its product name.
 */
public abstract class UnreachableClusterContract {
    private static final Schema SCHEMA = Schema.builder().field("id", DataType.STRING)
            .field("vec", DataType.floatVector(2)).build();

    protected abstract WriterFactory factory();

    protected abstract ErrorCode unavailable();

    /** The product name the message uses, e.g. "Elasticsearch". */
    protected abstract String product();

    @Test
    void aClosedPortFailsFastNamingTheEndpointAndTheStep() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", url);
        p.put("index", "docs");
        p.put("column", List.of(Map.of("name", "id", "type", "id"), Map.of("name", "vec")));
        // trySize keeps its default (30): with backoff that would take minutes against a dead cluster
        TestPluginContext ctx = new TestPluginContext("sink");
        long start = System.nanoTime();
        PluginException e = assertThrows(PluginException.class, () -> PluginHarness.write(factory(), p,
                SCHEMA, List.of(Row.of(SCHEMA, "a", new float[] {1, 2})), 10, ctx));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(unavailable(), e.errorCode());
        String m = e.getMessage();
        assertTrue(m.contains("step \"sink\""), m);
        assertTrue(m.contains("reading the mapping of index \"docs\""), m);
        assertTrue(m.contains("cannot connect to " + product() + " at " + url), m);
        assertTrue(m.contains("3 tries") && m.contains("\"endpoint\""), m);
        assertEquals(2, ctx.counter(Metrics.RETRIES), "three tries, two retries");
        assertTrue(millis < 15_000, "took " + millis + " ms");
    }
}
