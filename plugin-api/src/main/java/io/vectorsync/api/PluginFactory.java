package io.vectorsync.api;

import io.vectorsync.api.config.ConfigSpec;
import java.util.List;

/**
 * What every plugin factory tells the core: its name (the job's {@code stepType}, or the embedding step's
 * {@code modelProvider}), its parameters, and its version. Factories are found by {@link java.util.ServiceLoader}
 * in the plugin's own class loader; they must be cheap to construct and stateless.
 */
public interface PluginFactory {
    /** The name used in jobs, unique per kind; it must equal the plugin directory's name. */
    String name();

    /** Other names jobs may use for this plugin ({@code hologres} for {@code holo}). */
    default List<String> aliases() {
        return List.of();
    }

    PluginKind kind();

    /** One line for {@code vectorsync plugins}. */
    String description();

    ConfigSpec configSpec();

    /** The plugin's version: by default the {@code Implementation-Version} of its jar's manifest. */
    default String version() {
        String v = getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
