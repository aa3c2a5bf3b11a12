package io.vectorsync.core.plugin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** What a plugin's class loader takes from the core: the plugin API and exactly slf4j-api's packages. */
class PluginClassLoaderTest {
    @Test
    void exactlyTheApiAndSlf4jApiPackagesAreShared() {
        assertTrue(PluginClassLoader.isShared("io.vectorsync.api.record.Row"));
        assertTrue(PluginClassLoader.isShared("org.slf4j.Logger"));
        assertTrue(PluginClassLoader.isShared("org.slf4j.spi.LoggingEventBuilder"));
        assertTrue(PluginClassLoader.isShared("org.slf4j.event.Level"));
        assertTrue(PluginClassLoader.isShared("org.slf4j.helpers.MessageFormatter"));
        assertFalse(PluginClassLoader.isShared("org.slf4j.bridge.SLF4JBridgeHandler"), "jul-to-slf4j");
        assertFalse(PluginClassLoader.isShared("org.slf4j.simple.SimpleLogger"), "slf4j-simple");
        assertFalse(PluginClassLoader.isShared("org.slf4j.jul.JDK14LoggerAdapter"), "slf4j-jdk14");
        assertFalse(PluginClassLoader.isShared("io.vectorsync.core.Engine"));
        assertFalse(PluginClassLoader.isShared("io.vectorsync.apix.Thing"));
    }

    @Test
    void aPluginBundlingJulToSlf4jLoadsItsBridgeFromItsOwnJar() throws Exception {
        URL jar = SLF4JBridgeHandler.class.getProtectionDomain().getCodeSource().getLocation();
        try (PluginClassLoader loader = new PluginClassLoader(Path.of("jul-plugin"), List.of(jar),
                getClass().getClassLoader())) {
            Class<?> bridge = loader.loadClass("org.slf4j.bridge.SLF4JBridgeHandler");
            assertSame(loader, bridge.getClassLoader(), "the bridge comes from the plugin's lib/");
            assertSame(org.slf4j.Logger.class, loader.loadClass("org.slf4j.Logger"), "slf4j-api is the core's");
            assertSame(LoggerFactory.class, loader.loadClass("org.slf4j.LoggerFactory"));
            assertTrue(loader.getResource("org/slf4j/bridge/SLF4JBridgeHandler.class").toString()
                    .contains(jar.getPath()), "the bridge's class file is the plugin's");
            // it links against the core's slf4j-api: a JUL record goes to the core's logging
            Handler handler = (Handler) bridge.getConstructor().newInstance();
            handler.publish(new LogRecord(Level.INFO, "a record a plugin's library logged through java.util.logging"));
        }
    }
}
