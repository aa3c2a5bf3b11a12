package io.vectorsync.writer.searchcommon.testing;

import io.vectorsync.testkit.servers.SearchServerLauncher;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * One real node for a whole test run, started on first use (and stopped at JVM exit) from the unpacked distribution
 * a system property set by the module's pom names; its base URL is what a {@link SearchProduct} is given.
 */
public final class SearchTestNode implements Supplier<String> {
    /** How to launch the node from its distribution directory (flavour, plugins). */
    @FunctionalInterface
    public interface Launch {
        SearchServerLauncher from(Path home) throws Exception;
    }

    private final String homeProperty;
    private final Launch launch;
    private SearchServerLauncher.Server server;

    public SearchTestNode(String homeProperty, Launch launch) {
        this.homeProperty = homeProperty;
        this.launch = launch;
    }

    /** The node's base URL; starts it on the first call. */
    @Override
    public synchronized String get() {
        if (server == null) {
            String home = System.getProperty(homeProperty);
            if (home == null) {
                throw new IllegalStateException("system property " + homeProperty + " is not set; run the tests with Maven");
            }
            try {
                server = launch.from(Path.of(home)).start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the search node from " + home, e);
            }
        }
        return server.url();
    }
}
