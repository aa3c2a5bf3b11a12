package io.vectorsync.core.plugin;

import io.vectorsync.api.PluginFactory;
import java.util.concurrent.Callable;

/** A plugin whose factory has been loaded: the descriptor, its class loader and its factory. */
public record LoadedPlugin(PluginDescriptor descriptor, ClassLoader classLoader, PluginFactory factory) {

    /**
     * Runs {@code call} with this plugin's class loader as the thread context class loader. Every call from
     * the core into a plugin goes through here.
     */
    public <T> T call(Callable<T> call) throws Exception {
        try (ContextClassLoader ignored = ContextClassLoader.set(classLoader)) {
            return call.call();
        }
    }

    /** Like {@link #call} for calls that return nothing. */
    public void run(ThrowingRunnable action) throws Exception {
        try (ContextClassLoader ignored = ContextClassLoader.set(classLoader)) {
            action.run();
        }
    }

    /** A runnable that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
