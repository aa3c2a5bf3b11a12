package io.vectorsync.writer.elasticsearch;

import io.vectorsync.testkit.servers.SearchServerLauncher;
import io.vectorsync.writer.searchcommon.SearchFlavor;
import io.vectorsync.writer.searchcommon.testing.SearchProduct;
import io.vectorsync.writer.searchcommon.testing.SearchTestNode;
import java.util.Map;

/**
 * One real Elasticsearch node for the whole test run (started on first use, stopped at JVM exit); tests look at it
 * through {@link #PRODUCT}.
 */
final class EsTestServer {
    private static final SearchTestNode NODE = new SearchTestNode("vectorsync.es.home",
            home -> SearchServerLauncher.of(SearchServerLauncher.Flavor.ELASTICSEARCH, home));
    /** Elasticsearch as the shared search writer tests see it. */
    static final SearchProduct PRODUCT = new SearchProduct(SearchFlavor.ELASTICSEARCH, NODE,
            ElasticsearchWriterFactory::new, ElasticsearchErrorCode::valueOf, Map.of(), Map.of());

    private EsTestServer() {
    }
}
