package io.vectorsync.writer.elasticsearch;

import io.vectorsync.testkit.servers.SearchServerLauncher;
import io.vectorsync.writer.searchcommon.SearchFlavor;
import io.vectorsync.writer.searchcommon.testing.SearchProduct;
import java.nio.file.Path;
import java.util.Map;

/**
 * One real Elasticsearch node for the whole test run (started on first use, stopped at JVM exit); tests look at it
 * through {@code SearchTestClient}.
 */
final class EsTestServer {
    /** Elasticsearch as the shared search writer tests see it. */
    static final SearchProduct PRODUCT = new SearchProduct(SearchFlavor.ELASTICSEARCH, EsTestServer::url,
            ElasticsearchWriterFactory::new, ElasticsearchErrorCode::valueOf, Map.of(), Map.of());
    private static SearchServerLauncher.Server server;

    private EsTestServer() {
    }

    static synchronized String url() {
        if (server == null) {
            String home = System.getProperty("vectorsync.es.home");
            if (home == null) {
                throw new IllegalStateException("system property vectorsync.es.home is not set; run the tests with Maven");
            }
            try {
                server = SearchServerLauncher.of(SearchServerLauncher.Flavor.ELASTICSEARCH, Path.of(home)).start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start Elasticsearch from " + home, e);
            }
        }
        return server.url();
    }
}
