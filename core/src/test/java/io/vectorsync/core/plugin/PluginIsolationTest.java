package io.vectorsync.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.core.Engine;
import io.vectorsync.core.Jobs;
import io.vectorsync.core.cli.VectorsyncCli;
import io.vectorsync.core.job.InvalidJobException;
import io.vectorsync.core.runtime.JobResult;
import io.vectorsync.core.runtime.RunOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two plugins bundling different versions of one library run in one job, each seeing its own; neither sees the
 * core's libraries. Broken plugin directories fail with the directory and the cause.
 */
class PluginIsolationTest {
    @TempDir
    static Path work;
    static Path plugins;

    private static final String LIB = "package fixture.lib; public class Greeting { public static String version() { return \"%s\"; } }";

    private static final String READER = """
            package fixture.reader;
            import io.vectorsync.api.*; import io.vectorsync.api.config.*; import io.vectorsync.api.reader.*;
            import io.vectorsync.api.record.*; import io.vectorsync.api.record.Row; import java.util.List;
            public class IsoReaderFactory implements ReaderFactory {
              static final Schema S = Schema.builder().field("greeting", DataType.STRING).field("seesJackson", DataType.BOOLEAN).build();
              public String name() { return "isoreader"; }
              public String description() { return "fixture"; }
              public ConfigSpec configSpec() { return ConfigSpec.builder().build(); }
              public Reader create(PluginConfig c, PluginContext ctx) {
                return new Reader() {
                  public Schema schema() { return S; }
                  public List<? extends Split> planSplits(int n) { return List.of(() -> "only"); }
                  public SplitCodec splitCodec() { return null; }
                  public SplitReader open(Split s) {
                    return new SplitReader() {
                      public PollStatus poll(RecordOutput out) {
                        boolean jackson;
                        try { Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, getClass().getClassLoader()); jackson = true; }
                        catch (ClassNotFoundException e) { jackson = false; }
                        for (int i = 0; i < 3; i++) out.emit(Row.of(S, fixture.lib.Greeting.version(), jackson));
                        return PollStatus.END;
                      }
                      public void close() {}
                    };
                  }
                };
              }
            }
            """;

    private static final String WRITER = """
            package fixture.writer;
            import io.vectorsync.api.*; import io.vectorsync.api.config.*; import io.vectorsync.api.writer.*;
            import io.vectorsync.api.record.*; import io.vectorsync.api.record.Row; import java.util.List; import java.nio.file.*;
            public class IsoWriterFactory implements WriterFactory {
              static final Option<String> PATH = Option.stringOption("path").required().build();
              public String name() { return "isowriter"; }
              public String description() { return "fixture"; }
              public ConfigSpec configSpec() { return ConfigSpec.builder().add(PATH).build(); }
              public Writer create(PluginConfig c, PluginContext ctx) {
                return new Writer() {
                  public void bind(Schema s) {}
                  public WriterTask openTask(int i) {
                    return new WriterTask() {
                      public void write(List<Row> batch) throws Exception {
                        StringBuilder sb = new StringBuilder();
                        for (Row r : batch) sb.append(r.get("greeting")).append('|').append(fixture.lib.Greeting.version())
                            .append('|').append(Thread.currentThread().getContextClassLoader() == getClass().getClassLoader()).append('\\n');
                        Files.writeString(Path.of(c.get(PATH)), sb.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                      }
                      public void close() {}
                    };
                  }
                };
              }
            }
            """;

    @BeforeAll
    static void buildPlugins() throws Exception {
        FixturePlugins fixtures = new FixturePlugins(work);
        plugins = work.resolve("plugins");
        Path v1 = fixtures.jar(work.resolve("greeting-1.0.jar"), Map.of("fixture.lib.Greeting", LIB.formatted("v1")), Map.of(), List.of());
        Path v2 = fixtures.jar(work.resolve("greeting-2.0.jar"), Map.of("fixture.lib.Greeting", LIB.formatted("v2")), Map.of(), List.of());

        Path reader = FixturePlugins.descriptor(plugins, "reader", "isoreader", "2.0");
        fixtures.jar(reader.resolve("lib/isoreader.jar"), Map.of("fixture.reader.IsoReaderFactory", READER),
                Map.of("META-INF/services/io.vectorsync.api.reader.ReaderFactory", "fixture.reader.IsoReaderFactory"), List.of(v1));
        Files.copy(v1, reader.resolve("lib/greeting-1.0.jar"));

        Path writer = FixturePlugins.descriptor(plugins, "writer", "isowriter", "2.0");
        fixtures.jar(writer.resolve("lib/isowriter.jar"), Map.of("fixture.writer.IsoWriterFactory", WRITER),
                Map.of("META-INF/services/io.vectorsync.api.writer.WriterFactory", "fixture.writer.IsoWriterFactory"), List.of(v2));
        Files.copy(v2, writer.resolve("lib/greeting-2.0.jar"));
    }

    private Engine engine(Path... dirs) {
        return Engine.builder().pluginDirs(List.of(dirs)).dirtyFile(work.resolve("dirty.jsonl"))
                .runOptions(RunOptions.defaults().withProgressInterval(Duration.ZERO)).build();
    }

    @Test
    void conflictingLibraryVersionsRunInOneJob() throws Exception {
        Path out = work.resolve("out.txt");
        Path job = Jobs.write(work, "iso", "{'steps':[{'stepType':'isoreader','category':'reader','parameter':{}},"
                + "{'stepType':'isowriter','category':'writer','parameter':{'path':'" + out + "'}}]}");
        JobResult r = engine(plugins).run(job);
        assertTrue(r.succeeded(), r.error());
        // the reader saw Greeting v1, the writer v2, in the same JVM; the writer ran with its own context loader
        assertEquals(List.of("v1|v2|true", "v1|v2|true", "v1|v2|true"), Files.readAllLines(out));
    }

    @Test
    void pluginsDoNotSeeTheCoreLibraries() throws Exception {
        Path out = work.resolve("jackson.txt");
        Path job = Jobs.write(work, "jk", "{'steps':[{'stepType':'isoreader','category':'reader','parameter':{}},"
                + "{'stepType':'collect','category':'writer','parameter':{'sink':'iso-jackson'}}]}");
        JobResult r = engine(plugins).run(job);
        assertTrue(r.succeeded(), r.error());
        var rows = io.vectorsync.core.testplugins.CollectWriterFactory.sink("iso-jackson");
        assertEquals(3, rows.size());
        assertEquals(Boolean.FALSE, rows.get(0).get("seesJackson")); // the core has Jackson; the plugin must not see it
        assertTrue(Files.notExists(out));
    }

    @Test
    void aPluginWithoutFactoryFailsNamingItsDirectory() throws Exception {
        Path root = work.resolve("broken");
        Path dir = FixturePlugins.descriptor(root, "reader", "broken", "2.0");
        new FixturePlugins(work).jar(dir.resolve("lib/broken.jar"), Map.of("x.Empty", "package x; public class Empty {}"),
                Map.of(), List.of());
        Path job = Jobs.write(work, "broken", "{'steps':[{'stepType':'broken','category':'reader','parameter':{}},"
                + "{'stepType':'collect','category':'writer','parameter':{'sink':'b'}}]}");
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> engine(root).validate(job));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no io.vectorsync.api.reader.ReaderFactory found in lib/"), e.getMessage());

        StringWriter err = new StringWriter();
        int code = VectorsyncCli.execute(new String[] {"validate", job.toString(), "--plugin-dir", root.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(VectorsyncCli.INVALID, code);
        assertTrue(err.toString().contains("no io.vectorsync.api.reader.ReaderFactory found"), err.toString());
    }

    /** A newer minor or an older major API: the descriptor's {@code api} the engine does not implement. */
    @ParameterizedTest(name = "{0}: API {1}")
    @CsvSource({"future, 2.99", "past, 1.0"})
    void aPluginBuiltForAnotherApiIsRefused(String name, String api) throws Exception {
        Path root = work.resolve(name);
        Path dir = FixturePlugins.descriptor(root, "reader", name, api);
        Files.copy(plugins.resolve("reader/isoreader/lib/isoreader.jar"), dir.resolve("lib/" + name + ".jar"));
        Path job = Jobs.write(work, name, "{'steps':[{'stepType':'" + name + "','category':'reader','parameter':{}},"
                + "{'stepType':'collect','category':'writer','parameter':{'sink':'f'}}]}");
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> engine(root).validate(job));
        assertTrue(e.getMessage().contains("built for plugin API " + api + " but this vectorsync implements API "
                + PluginRegistry.apiVersion()), e.getMessage());
    }

    @Test
    void aDirectoryWhoseNameDisagreesWithItsDescriptorIsRejected() throws Exception {
        Path root = work.resolve("misnamed");
        Path dir = root.resolve("reader/other");
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("plugin.properties"), "name=isoreader\nkind=reader\napi=2.0\n");
        PluginLoadException e = assertThrows(PluginLoadException.class, () -> PluginRegistry.scan(List.of(root), false));
        assertTrue(e.getMessage().contains("plugin.properties says name=isoreader but the directory is named other"), e.getMessage());
    }
}
