package io.vectorsync.writer.searchcommon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.testkit.TestPluginContext;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SearchRetryTest {
    private static final SearchDialect DIALECT = new SearchDialect(SearchFlavor.ELASTICSEARCH,
            k -> k == SearchErrorKind.UNAVAILABLE ? CommonErrorCode.EXTERNAL_TRANSIENT : CommonErrorCode.INTERNAL);

    private static SearchRetry retry(int trySize) {
        return new SearchRetry(DIALECT, "sink", trySize, 1, 2, new TestPluginContext("sink"));
    }

    @Test
    void anUnknownHostFailsAMetadataRequestAfterThreeTries() {
        AtomicInteger calls = new AtomicInteger();
        PluginException e = assertThrows(PluginException.class, () -> retry(30).callMetadata("checking index \"i\"",
                "http://nowhere:9200", () -> {
                    calls.incrementAndGet();
                    throw new IOException("wrapped", new UnknownHostException("nowhere"));
                }));
        assertEquals(3, calls.get());
        assertEquals(CommonErrorCode.EXTERNAL_TRANSIENT, e.errorCode());
        assertTrue(e.getMessage().startsWith("step \"sink\": checking index \"i\" failed: cannot connect to "
                + "Elasticsearch at http://nowhere:9200"), e.getMessage());
    }

    @Test
    void aRefusedConnectionThatRecoversIsNotAnError() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        SearchReply r = retry(30).callMetadata("x", "http://h:1", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new ConnectException("Connection refused");
            }
            return new SearchReply(200, null);
        });
        assertEquals(200, r.status());
    }

    @Test
    void serverErrorsOfMetadataRequestsStillUseTrySize() {
        AtomicInteger calls = new AtomicInteger();
        PluginException e = assertThrows(PluginException.class, () -> retry(5).callMetadata("x", "http://h:1", () -> {
            calls.incrementAndGet();
            return new SearchReply(503, null);
        }));
        assertEquals(5, calls.get());
        assertTrue(e.getMessage().contains("failed 5 times (trySize)"), e.getMessage());
    }

    @Test
    void bulkCallsRetryConnectionErrorsTrySizeTimes() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(PluginException.class, () -> retry(6).call("_bulk", () -> {
            calls.incrementAndGet();
            throw new ConnectException("Connection refused");
        }));
        assertEquals(6, calls.get());
    }
}
