package io.vectorsync.core.plugin;

import io.vectorsync.api.PluginFactory;
import io.vectorsync.api.PluginKind;
import io.vectorsync.api.model.EmbeddingModelFactory;
import io.vectorsync.api.reader.ReaderFactory;
import io.vectorsync.api.transform.TransformerFactory;
import io.vectorsync.api.writer.WriterFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installed plugins. Scans {@code <dir>/<kind>/<name>/plugin.properties} in each plugin directory (reading
 * descriptors only) and loads a plugin's classes the first time a job uses it, in its own
 * {@link PluginClassLoader}. Factories on the application class path (tests, embedded use) are registered too.
 * Two plugins of one kind with the same name or alias are an error.
 */
public final class PluginRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);
    private static final Map<PluginKind, Class<? extends PluginFactory>> FACTORY_TYPES = Map.of(
            PluginKind.READER, ReaderFactory.class,
            PluginKind.TRANSFORMER, TransformerFactory.class,
            PluginKind.MODEL, EmbeddingModelFactory.class,
            PluginKind.WRITER, WriterFactory.class);

    private final Map<PluginKind, Map<String, PluginDescriptor>> descriptors = new EnumMap<>(PluginKind.class);
    private final Map<PluginKind, Map<String, LoadedPlugin>> classPathPlugins = new EnumMap<>(PluginKind.class);
    /** Alias to plugin name, per kind, from the descriptors. */
    private final Map<PluginKind, Map<String, String>> aliases = new EnumMap<>(PluginKind.class);
    /** Plugins this registry loaded; their class loaders are closed with the registry. */
    private final Map<PluginDescriptor, LoadedPlugin> loaded = new ConcurrentHashMap<>();
    /**
     * Plugins whose lib/ holds a native library (ONNX Runtime, tokenizers, zstd, netty's epoll…; see
     * {@link NativeLibraries}), shared by every registry of the JVM and never closed: the JVM binds a native
     * library to the first class loader that loads it, so a second loader of the same plugin could not load it.
     * Every other plugin gets a class loader per registry (per engine).
     */
    private static final Map<PluginDescriptor, LoadedPlugin> NATIVE = new ConcurrentHashMap<>();
    private final String coreApiVersion;

    private PluginRegistry(String coreApiVersion) {
        this.coreApiVersion = coreApiVersion;
        for (PluginKind k : PluginKind.values()) {
            descriptors.put(k, new TreeMap<>());
            classPathPlugins.put(k, new TreeMap<>());
            aliases.put(k, new TreeMap<>());
        }
    }

    /**
     * Scans {@code pluginDirs} (each holding reader/, transformer/, model/, writer/) and, when
     * {@code includeClassPath}, the factories visible on the core's own class path.
     */
    public static PluginRegistry scan(List<Path> pluginDirs, boolean includeClassPath) {
        PluginRegistry registry = new PluginRegistry(apiVersion());
        for (Path dir : pluginDirs) {
            registry.scanDirectory(dir);
        }
        if (includeClassPath) {
            registry.scanClassPath();
        }
        return registry;
    }

    /** The plugin API version this core implements (from the API jar). */
    public static String apiVersion() {
        try (InputStream in = PluginFactory.class.getResourceAsStream("/io/vectorsync/api/api.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("api.version", "1.0");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void scanDirectory(Path root) {
        if (!Files.isDirectory(root)) {
            throw new PluginLoadException(root, "plugin directory does not exist", null);
        }
        for (PluginKind kind : PluginKind.values()) {
            Path kindDir = root.resolve(kind.directoryName());
            if (!Files.isDirectory(kindDir)) {
                continue;
            }
            try (Stream<Path> dirs = Files.list(kindDir)) {
                for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                    if (!Files.exists(dir.resolve("plugin.properties"))) {
                        LOG.warn("Ignoring {}: no plugin.properties", dir);
                        continue;
                    }
                    PluginDescriptor d = PluginDescriptor.read(dir);
                    PluginDescriptor previous = descriptors.get(kind).putIfAbsent(d.name(), d);
                    if (previous != null) {
                        throw new PluginLoadException(dir, "a " + kind.directoryName() + " plugin named \""
                                + d.name() + "\" is also installed at " + previous.location()
                                + "; remove one of them", null);
                    }
                    for (String alias : d.aliases()) {
                        String other = aliases.get(kind).putIfAbsent(alias, d.name());
                        if (other != null || descriptors.get(kind).containsKey(alias)) {
                            throw new PluginLoadException(dir, "alias \"" + alias + "\" is also the name or an alias"
                                    + " of the " + kind.directoryName() + " plugin \"" + (other != null ? other : alias)
                                    + "\"; remove one of them", null);
                        }
                    }
                }
            } catch (IOException e) {
                throw new PluginLoadException(kindDir, "cannot list: " + e.getMessage(), e);
            }
        }
    }

    private void scanClassPath() {
        ClassLoader app = PluginRegistry.class.getClassLoader();
        for (Map.Entry<PluginKind, Class<? extends PluginFactory>> e : FACTORY_TYPES.entrySet()) {
            for (PluginFactory f : ServiceLoader.load(e.getValue(), app)) {
                PluginDescriptor d = new PluginDescriptor(f.name(), e.getKey(), f.version(), coreApiVersion,
                        f.description(), f.aliases(), null);
                if (descriptors.get(e.getKey()).containsKey(f.name())
                        || classPathPlugins.get(e.getKey()).containsKey(f.name())) {
                    throw new PluginLoadException(null, "a " + e.getKey().directoryName() + " plugin named \""
                            + f.name() + "\" is installed twice (class path and plugin directory)", null);
                }
                classPathPlugins.get(e.getKey()).put(f.name(), new LoadedPlugin(d, app, f));
            }
        }
    }

    /** Every installed plugin, sorted by kind and name. */
    public List<PluginDescriptor> list() {
        List<PluginDescriptor> all = new ArrayList<>();
        for (PluginKind k : PluginKind.values()) {
            all.addAll(descriptors.get(k).values());
            classPathPlugins.get(k).values().forEach(p -> all.add(p.descriptor()));
        }
        all.sort(Comparator.comparing(PluginDescriptor::kind).thenComparing(PluginDescriptor::name));
        return all;
    }

    /** The names installed for {@code kind}, for "unknown step type" messages. */
    public List<String> names(PluginKind kind) {
        List<String> names = new ArrayList<>(descriptors.get(kind).keySet());
        names.addAll(classPathPlugins.get(kind).keySet());
        names.sort(String::compareTo);
        return names;
    }

    /**
     * The plugin named {@code name}, or aliased so (aliases come from plugin.properties, so only the plugin found
     * is loaded). Loads it if needed; a plugin that cannot be loaded fails with its {@link PluginLoadException}.
     */
    public Optional<LoadedPlugin> find(PluginKind kind, String name) {
        LoadedPlugin cp = classPathPlugins.get(kind).get(name);
        if (cp != null) {
            return Optional.of(cp);
        }
        PluginDescriptor d = descriptors.get(kind).get(name);
        if (d == null && aliases.get(kind).containsKey(name)) {
            d = descriptors.get(kind).get(aliases.get(kind).get(name));
        }
        if (d != null) {
            return Optional.of(load(d));
        }
        for (LoadedPlugin p : classPathPlugins.get(kind).values()) {
            if (p.factory().aliases().contains(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Loads (once per registry, or once per process for plugins with native libraries) the plugin {@code d}. */
    public LoadedPlugin load(PluginDescriptor d) {
        PluginDescriptor key = normalized(d);
        LoadedPlugin shared = NATIVE.get(key);
        if (shared != null) {
            return shared;
        }
        if (NativeLibraries.in(key.directory().resolve("lib"))) {
            return NATIVE.computeIfAbsent(key, this::doLoad);
        }
        return loaded.computeIfAbsent(key, this::doLoad);
    }

    /**
     * Closes the class loaders of the plugins this registry loaded (not those with native libraries, which live as
     * long as the JVM). Call when no job of this registry runs any more.
     */
    @Override
    public void close() {
        for (LoadedPlugin p : loaded.values()) {
            if (p.classLoader() instanceof PluginClassLoader loader) {
                try {
                    loader.close();
                } catch (IOException e) {
                    LOG.debug("Cannot close the class loader of {}: {}", p.descriptor().location(), e.toString());
                }
            }
        }
        loaded.clear();
    }

    private static PluginDescriptor normalized(PluginDescriptor d) {
        try {
            return d.withDirectory(d.directory().toRealPath());
        } catch (IOException e) {
            throw new PluginLoadException(d.directory(), "cannot resolve: " + e.getMessage(), e);
        }
    }

    private LoadedPlugin doLoad(PluginDescriptor d) {
        checkApiVersion(d);
        Path lib = d.directory().resolve("lib");
        List<URL> jars = new ArrayList<>();
        if (Files.isDirectory(lib)) {
            try (Stream<Path> files = Files.list(lib)) {
                for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                    jars.add(jar.toUri().toURL());
                }
            } catch (IOException e) {
                throw new PluginLoadException(d.directory(), "cannot list lib/: " + e.getMessage(), e);
            }
        }
        if (jars.isEmpty()) {
            throw new PluginLoadException(d.directory(), "lib/ holds no jar", null);
        }
        PluginClassLoader loader = new PluginClassLoader(d.directory(), jars, PluginRegistry.class.getClassLoader());
        Class<? extends PluginFactory> type = FACTORY_TYPES.get(d.kind());
        List<PluginFactory> found = new ArrayList<>();
        try (ContextClassLoader ignored = ContextClassLoader.set(loader)) {
            for (ServiceLoader.Provider<? extends PluginFactory> provider : ServiceLoader.load(type, loader).stream().toList()) {
                if (provider.type().getClassLoader() != loader) {
                    continue; // a factory visible through the parent is not this plugin's
                }
                found.add(provider.get());
            }
        } catch (java.util.ServiceConfigurationError | LinkageError e) {
            throw new PluginLoadException(d.directory(), "cannot load its " + type.getSimpleName() + ": " + e
                    + hint(e) + "; class path: " + jars, e);
        }
        if (found.isEmpty()) {
            throw new PluginLoadException(d.directory(), "no " + type.getName() + " found in lib/ (a jar needs "
                    + "META-INF/services/" + type.getName() + "); class path: " + jars, null);
        }
        if (found.size() > 1) {
            throw new PluginLoadException(d.directory(), "more than one " + type.getSimpleName() + " found: "
                    + found.stream().map(f -> f.getClass().getName()).toList(), null);
        }
        PluginFactory factory = found.get(0);
        if (!factory.name().equals(d.name())) {
            throw new PluginLoadException(d.directory(), "its factory " + factory.getClass().getName()
                    + " is named \"" + factory.name() + "\" but plugin.properties says \"" + d.name() + "\"", null);
        }
        if (!new java.util.TreeSet<>(factory.aliases()).equals(new java.util.TreeSet<>(d.aliases()))) {
            throw new PluginLoadException(d.directory(), "its factory declares the aliases " + factory.aliases()
                    + " but plugin.properties says aliases=" + String.join(", ", d.aliases())
                    + "; they must agree (aliases are read from plugin.properties without loading the plugin)", null);
        }
        LOG.debug("Loaded {} {} {} (api {}) from {}", d.kind().directoryName(), d.name(), d.version(),
                d.apiVersion(), d.directory());
        return new LoadedPlugin(d, loader, factory);
    }

    private static String hint(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof NoClassDefFoundError || root instanceof ClassNotFoundException) {
            return " (a dependency is missing from lib/: " + root.getMessage() + ")";
        }
        if (root instanceof NoSuchMethodException) {
            return " (the factory needs a public no-argument constructor)";
        }
        return root == e ? "" : " (caused by " + root + ")";
    }

    private void checkApiVersion(PluginDescriptor d) {
        int[] plugin = parse(d.apiVersion(), d);
        int[] core = parse(coreApiVersion, d);
        if (plugin[0] != core[0] || plugin[1] > core[1]) {
            throw new PluginLoadException(d.directory(), "built for plugin API " + d.apiVersion()
                    + " but this vectorsync implements API " + coreApiVersion
                    + "; install a version of the plugin built for API " + core[0] + ".x (x ≤ " + core[1] + ")", null);
        }
    }

    private static int[] parse(String version, PluginDescriptor d) {
        String[] parts = version.split("\\.");
        try {
            return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0};
        } catch (NumberFormatException e) {
            throw new PluginLoadException(d.directory(), "bad api version \"" + version + "\"", e);
        }
    }

    static URL toUrl(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
