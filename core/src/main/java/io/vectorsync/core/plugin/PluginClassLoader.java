package io.vectorsync.core.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin directory. Its parent is the platform loader, so the core's own libraries
 * (Jackson, logback…) never show through. Only the plugin API and slf4j are delegated to the core's loader
 * (the API's whole dependency list); everything else comes from the plugin's own {@code lib/*.jar}.
 */
public final class PluginClassLoader extends URLClassLoader {
    /** Packages served by the core: exactly the plugin API and its one dependency. */
    private static final List<String> SHARED_PACKAGES = List.of("io.vectorsync.api.", "org.slf4j.");
    private static final List<String> SHARED_RESOURCES = List.of("io/vectorsync/api/", "org/slf4j/");

    static {
        registerAsParallelCapable();
    }

    private final Path directory;
    private final ClassLoader coreLoader;

    public PluginClassLoader(Path directory, List<URL> jars, ClassLoader coreLoader) {
        super("plugin:" + directory.getFileName(), jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        this.directory = directory;
        this.coreLoader = coreLoader;
    }

    public Path directory() {
        return directory;
    }

    static boolean isShared(String className) {
        for (String p : SHARED_PACKAGES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSharedResource(String name) {
        for (String p : SHARED_RESOURCES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) {
            return coreLoader.loadClass(name);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try {
                    // the platform loader first (JDK classes), then the plugin's jars: super does exactly that
                    c = super.loadClass(name, false);
                } catch (ClassNotFoundException e) {
                    throw new ClassNotFoundException(name + " (not in plugin " + directory + "/lib)", e);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        if (isSharedResource(name)) {
            return coreLoader.getResource(name);
        }
        return super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (isSharedResource(name)) {
            return coreLoader.getResources(name);
        }
        // META-INF/services of the plugin's own jars only: never the core's
        return super.getResources(name);
    }

    @Override
    public String toString() {
        return "PluginClassLoader[" + directory + "]";
    }

    static Enumeration<URL> none() {
        return Collections.emptyEnumeration();
    }
}
