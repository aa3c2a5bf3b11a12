package io.vectorsync.writer.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectorsync.testkit.servers.SearchServerLauncher;
import io.vectorsync.writer.searchcommon.testing.SearchTestClient;
import java.nio.file.Path;

/** One real OpenSearch node with the k-NN plugin for the whole test run (started on first use, stopped at JVM exit), plus HTTP helpers ({@link SearchTestClient}). */
final class OsTestServer {
    private static SearchServerLauncher.Server server;

    private OsTestServer() {
    }

    static synchronized String url() {
        if (server == null) {
            String home = System.getProperty("vectorsync.os.home");
            if (home == null) {
                throw new IllegalStateException("system property vectorsync.os.home is not set; run the tests with Maven");
            }
            try {
                server = SearchServerLauncher.of(SearchServerLauncher.Flavor.OPENSEARCH, Path.of(home))
                        .plugin("opensearch-knn", Path.of(System.getProperty("vectorsync.os.knn"))).start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start OpenSearch from " + home, e);
            }
        }
        return server.url();
    }

    private static SearchTestClient client() {
        return new SearchTestClient(url());
    }

    static JsonNode send(String method, String path, Object body) throws Exception {
        return client().send(method, path, body);
    }

    static JsonNode get(String path) throws Exception {
        return client().get(path);
    }

    static long count(String index) throws Exception {
        return client().count(index);
    }

    static JsonNode source(String index, String id) throws Exception {
        return client().source(index, id);
    }
}
