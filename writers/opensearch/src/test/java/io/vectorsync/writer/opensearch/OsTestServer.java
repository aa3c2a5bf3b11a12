package io.vectorsync.writer.opensearch;

import io.vectorsync.testkit.servers.SearchServerLauncher;
import io.vectorsync.writer.searchcommon.SearchFlavor;
import io.vectorsync.writer.searchcommon.testing.SearchProduct;
import io.vectorsync.writer.searchcommon.testing.SearchTestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One real OpenSearch node with the k-NN plugin for the whole test run (started on first use, stopped at JVM exit);
 * tests look at it through {@link #PRODUCT}.
 */
final class OsTestServer {
    private static final String OS_VERSION = "2.19.1";
    private static final SearchTestNode NODE = new SearchTestNode("vectorsync.os.home",
            home -> SearchServerLauncher.of(SearchServerLauncher.Flavor.OPENSEARCH, home)
                    .plugin("opensearch-knn", Path.of(System.getProperty("vectorsync.os.knn")))
                    .plugin("mapper-extras", mapperExtras()));
    /** OpenSearch as the shared search writer tests see it: k-NN indexes, HNSW on the lucene engine. */
    static final SearchProduct PRODUCT = new SearchProduct(SearchFlavor.OPENSEARCH, NODE,
            OpenSearchWriterFactory::new, OpenSearchErrorCode::valueOf, Map.of("index.knn", true),
            Map.of("name", "hnsw", "engine", "lucene"));

    private OsTestServer() {
    }

    /**
     * The mapper-extras module (rank_features) as a plugin folder: Maven copies its published jar, this adds the
     * descriptor the module zip would carry.
     */
    private static Path mapperExtras() throws java.io.IOException {
        Path dir = Path.of(System.getProperty("vectorsync.os.mapperExtras"));
        Files.writeString(dir.resolve("plugin-descriptor.properties"), String.join("\n",
                "description=Adds advanced field mappers (rank_features)", "version=" + OS_VERSION,
                "name=mapper-extras", "classname=org.opensearch.index.mapper.MapperExtrasPlugin",
                "java.version=11", "opensearch.version=" + OS_VERSION, ""));
        return dir;
    }
}
