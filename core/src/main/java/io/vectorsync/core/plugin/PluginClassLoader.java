package io.vectorsync.core.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * The class loader of one plugin directory. Its parent is the platform loader, so the core's own libraries
 * (Jackson, logback…) never show through. Only the plugin API and slf4j are delegated to the core's loader
 * (the API's whole dependency list); everything else comes from the plugin's own {@code lib/*.jar}.
 */
public final class PluginClassLoader extends URLClassLoader {
    /** The plugin API, with its subpackages: served by the core. */
    private static final String API_PREFIX = "io.vectorsync.api.";
    /**
     * Exactly the packages of slf4j-api, the API's one dependency, so that a plugin logs through the core's
     * binding. Other {@code org.slf4j.*} packages belong to other artifacts a plugin may bundle (jul-to-slf4j's
     * {@code org.slf4j.bridge}, the bindings' {@code org.slf4j.simple}, {@code org.slf4j.jul}…): those come from
     * the plugin's lib/ like any library.
     */
    private static final Set<String> SLF4J_API_PACKAGES = Set.of("org.slf4j", "org.slf4j.event", "org.slf4j.helpers",
            "org.slf4j.spi");

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
        int dot = className.lastIndexOf('.');
        return className.startsWith(API_PREFIX) || dot > 0 && SLF4J_API_PACKAGES.contains(className.substring(0, dot));
    }

    /** {@code io/vectorsync/api/x/Y.class}, {@code org/slf4j/Logger.class}: resources in the shared packages. */
    private static boolean isSharedResource(String name) {
        int slash = name.lastIndexOf('/');
        return slash > 0 && isShared(name.substring(0, slash).replace('/', '.') + ".x");
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
