package io.vectorsync.core.plugin;

/**
 * Sets the thread context class loader for a block and restores it: {@code try (var ignored =
 * ContextClassLoader.set(loader)) { … }}. Libraries inside plugins (Hadoop, SDKs) look up classes through it.
 */
public final class ContextClassLoader implements AutoCloseable {
    private final Thread thread;
    private final ClassLoader previous;

    private ContextClassLoader(ClassLoader loader) {
        this.thread = Thread.currentThread();
        this.previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
    }

    public static ContextClassLoader set(ClassLoader loader) {
        return new ContextClassLoader(loader);
    }

    @Override
    public void close() {
        thread.setContextClassLoader(previous);
    }
}
