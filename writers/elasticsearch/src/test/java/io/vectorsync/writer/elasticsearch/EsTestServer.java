package io.vectorsync.writer.elasticsearch;

import io.vectorsync.testkit.servers.SearchServerLauncher;
import java.nio.file.Path;

/**
 * One real Elasticsearch node for the whole test run (started on first use, stopped at JVM exit); tests look at it
 * through {@code SearchTestClient}.
 */
final class EsTestServer {
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
