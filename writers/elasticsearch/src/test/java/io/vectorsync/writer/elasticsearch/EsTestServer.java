package io.vectorsync.writer.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectorsync.testkit.servers.SearchServerLauncher;
import io.vectorsync.writer.searchcommon.testing.SearchTestClient;
import java.nio.file.Path;

/** One real Elasticsearch node for the whole test run (started on first use, stopped at JVM exit), plus HTTP helpers ({@link SearchTestClient}). */
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

    private static SearchTestClient client() {
        return new SearchTestClient(url());
    }

    static JsonNode send(String method, String path, Object body) throws Exception {
        return client().send(method, path, body);
    }

    /** The HTTP status of a request without body. */
    static int status(String method, String path) throws Exception {
        return client().status(method, path);
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
