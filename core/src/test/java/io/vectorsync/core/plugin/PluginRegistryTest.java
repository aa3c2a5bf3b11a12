package io.vectorsync.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.PluginKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding plugins by alias without loading the others, reporting load errors, and who owns the class loaders. */
class PluginRegistryTest {
    private static final String FACTORY = """
            package fixture.%1$s;
            import io.vectorsync.api.PluginContext;
            import io.vectorsync.api.config.ConfigSpec;
            import io.vectorsync.api.config.PluginConfig;
            import io.vectorsync.api.reader.Reader;
            import io.vectorsync.api.reader.ReaderFactory;
            import java.util.List;
            public class Factory implements ReaderFactory {
                public String name() { return "%1$s"; }
                public List<String> aliases() { return List.of(%2$s); }
                public String description() { return "fixture"; }
                public ConfigSpec configSpec() { return ConfigSpec.builder().build(); }
                public Reader create(PluginConfig c, PluginContext ctx) { throw new UnsupportedOperationException(); }
            }
            """;

    @TempDir
    Path work;

    /** A reader plugin {@code name} whose factory declares {@code factoryAliases} and plugin.properties {@code listed}. */
    private Path plugin(Path root, String name, String factoryAliases, String listed) throws Exception {
        Path dir = FixturePlugins.descriptor(root, "reader", name, "2.0");
        if (listed != null) {
            Files.writeString(dir.resolve("plugin.properties"), "aliases=" + listed + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
        }
        String quoted = factoryAliases.isEmpty() ? "" : "\"" + String.join("\", \"", factoryAliases.split(",\\s*")) + "\"";
        new FixturePlugins(work).jar(dir.resolve("lib/" + name + ".jar"),
                Map.of("fixture." + name + ".Factory", FACTORY.formatted(name, quoted)),
                Map.of("META-INF/services/io.vectorsync.api.reader.ReaderFactory", "fixture." + name + ".Factory"),
                List.of());
        return dir;
    }

    private static Path brokenPlugin(Path root, String name, String aliases) throws Exception {
        Path dir = FixturePlugins.descriptor(root, "reader", name, "2.0");
        if (aliases != null) {
            Files.writeString(dir.resolve("plugin.properties"), "aliases=" + aliases + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
        }
        return dir; // lib/ holds no jar: loading it fails
    }

    @Test
    void anAliasIsFoundFromPluginPropertiesWithoutLoadingTheOtherPlugins() throws Exception {
        Path root = work.resolve("aliases");
        plugin(root, "nicknamed", "nick, other-nick", "nick, other-nick");
        brokenPlugin(root, "broken", null);
        PluginRegistry registry = PluginRegistry.scan(List.of(root), false);
        LoadedPlugin p = registry.find(PluginKind.READER, "other-nick").orElseThrow();
        assertEquals("nicknamed", p.factory().name());
        assertEquals(List.of("nick", "other-nick"), p.descriptor().aliases());
        assertTrue(registry.find(PluginKind.READER, "nobody").isEmpty(), "an unknown name loads nothing and fails nothing");
    }

    @Test
    void aBrokenPluginsLoadErrorIsReportedWhenItsAliasIsUsed() throws Exception {
        Path root = work.resolve("broken-alias");
        Path dir = brokenPlugin(root, "brokenone", "bad-alias");
        PluginRegistry registry = PluginRegistry.scan(List.of(root), false);
        PluginLoadException e = assertThrows(PluginLoadException.class, () -> registry.find(PluginKind.READER, "bad-alias"));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("lib/ holds no jar"), e.getMessage());
    }

    @Test
    void theFactorysAliasesMustBeListedInPluginProperties() throws Exception {
        Path root = work.resolve("unlisted");
        plugin(root, "unlisted", "secret-name", null);
        PluginRegistry registry = PluginRegistry.scan(List.of(root), false);
        PluginLoadException e = assertThrows(PluginLoadException.class, () -> registry.find(PluginKind.READER, "unlisted"));
        assertTrue(e.getMessage().contains("declares the aliases [secret-name] but plugin.properties says aliases="),
                e.getMessage());
    }

    @Test
    void anAliasTakenTwiceIsRefusedAtScan() throws Exception {
        Path root = work.resolve("twice");
        brokenPlugin(root, "first", "same");
        brokenPlugin(root, "second", "same");
        PluginLoadException e = assertThrows(PluginLoadException.class, () -> PluginRegistry.scan(List.of(root), false));
        assertTrue(e.getMessage().contains("alias \"same\" is also the name or an alias of the reader plugin \"first\""),
                e.getMessage());
    }

    @Test
    void aPluginGetsAClassLoaderPerRegistryClosedWithIt() throws Exception {
        Path root = work.resolve("plain");
        plugin(root, "plain", "", null);
        PluginRegistry one = PluginRegistry.scan(List.of(root), false);
        PluginRegistry two = PluginRegistry.scan(List.of(root), false);
        LoadedPlugin first = one.find(PluginKind.READER, "plain").orElseThrow();
        assertSame(first, one.find(PluginKind.READER, "plain").orElseThrow(), "loaded once per registry");
        assertNotSame(first.classLoader(), two.find(PluginKind.READER, "plain").orElseThrow().classLoader());
        one.close();
        assertThrows(ClassNotFoundException.class, () -> first.classLoader().loadClass("fixture.plain.Missing"));
        assertEquals("plain", two.find(PluginKind.READER, "plain").orElseThrow().factory().name(),
                "closing one registry leaves the other's plugins working");
        two.close();
    }

    @Test
    void aPluginWithANativeLibraryGetsOneClassLoaderPerProcess() throws Exception {
        // the JVM binds a native library to one class loader: two engines (two jobs) in one JVM must share it
        Path root = work.resolve("native");
        Path dir = plugin(root, "withnative", "", null);
        Files.write(dir.resolve("lib/libfixture.so"), new byte[] {0x7f, 'E', 'L', 'F'});
        PluginRegistry one = PluginRegistry.scan(List.of(root), false);
        PluginRegistry two = PluginRegistry.scan(List.of(root), false);
        LoadedPlugin first = one.find(PluginKind.READER, "withnative").orElseThrow();
        one.close();
        assertSame(first.classLoader(), two.find(PluginKind.READER, "withnative").orElseThrow().classLoader());
        assertTrue(NativeLibraries.in(dir.resolve("lib")));
    }
}
