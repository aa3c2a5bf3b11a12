package io.vectorsync.writer.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterTask;
import io.vectorsync.testkit.TestPluginContext;
import io.vectorsync.writer.searchcommon.testing.BulkRetryContract;
import io.vectorsync.writer.searchcommon.testing.FakeSearchCluster;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Throttling, server errors, refused credentials, the stop signal and idempotence (the shared contract), and abort
 * with a request in flight, against a loopback fake of the REST API.
 */
class ElasticsearchRetryTest extends BulkRetryContract {
    ElasticsearchRetryTest() {
        super(EsTestServer.PRODUCT);
    }

    @Test
    void abortCancelsTheRequestInFlightDropsTheRestAndSkipsRefreshAndAlias() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        String url = start(n -> {
            try {
                release.await(30, TimeUnit.SECONDS); // a slow cluster
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeSearchCluster.BULK_OK;
        });
        Map<String, Object> p = params(url);
        p.put("batchSize", 2);
        p.put("alias", "current");
        try (Writer w = openWriter(p, new TestPluginContext("es"))) {
            try (WriterTask t = w.openTask(0)) {
                t.write(records(3)); // r0, r1 go out and hang; r2 stays buffered
                while (bulkBodies.isEmpty()) {
                    Thread.onSpinWait();
                }
                t.abort(new RuntimeException("cancelled"));
                assertEquals(1, release.getCount(), "abort returned without waiting for the cluster");
                t.write(records(3));
            }
            w.abort(new RuntimeException("cancelled"));
        } finally {
            release.countDown();
        }
        assertEquals(1, bulkBodies.size());
        assertFalse(bulkBodies.get(0).contains("\"r2\""), bulkBodies.get(0));
        assertTrue(cluster.requests.stream().noneMatch(r -> r.contains("_refresh") || r.contains("_alias")),
                cluster.requests.toString());
    }
}
