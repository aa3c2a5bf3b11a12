package io.vectorsync.core.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.core.runtime.JobResult;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Consecutive localfile jobs on one MiniCluster (2 TaskManagers x 2 slots, the core parent-first as on a prepared
 * cluster). After each job (and GC) it asserts that no plugin class loader and no Flink user-code class loader of
 * an ended job is still alive (nothing pins them: no thread, cache or registry), and prints Metaspace; after 40
 * jobs it asserts that Metaspace grew by less than 1 MB over the last 10 (the JIT's warm-up, see the README).
 * Run: {@code mvn -pl core/flink test -Dtest=MetaspaceBenchmark -Dbench [-Dmetaspace.jobs=40]}.
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class MetaspaceBenchmark extends FlinkEngineTest {
    /** Class loaders that belong to one job: a plugin's, and the job's user-code loader on a TaskManager. */
    private static final String[] PER_JOB_LOADERS = {"io.vectorsync.core.plugin.PluginClassLoader",
        "org.apache.flink.util.ChildFirstClassLoader",
        "org.apache.flink.util.FlinkUserCodeClassLoaders$ParentFirstClassLoader"};

    @Test
    void consecutiveJobs() throws Exception {
        Path in = input(false);
        var classLoading = ManagementFactory.getClassLoadingMXBean();
        long unloadedAtStart = classLoading.getUnloadedClassCount();
        long[] used = new long[Integer.getInteger("metaspace.jobs", 40)];
        for (int i = 0; i < used.length; i++) {
            JobResult r = new FlinkEngine(engine(dir.resolve("dirty-" + i + ".jsonl")), FlinkTarget.session(master))
                    .run(job(in, localfileWriter(dir.resolve("out-" + i)), 2, "0"));
            assertTrue(r.succeeded(), r.error());
            Map<String, Long> alive = perJobLoadersAlive();
            for (int wait = 0; wait < 50 && alive.values().stream().anyMatch(n -> n > 0); wait++) {
                Thread.sleep(200); // the TaskManagers release a job's class loader when its tasks are cleaned up
                alive = perJobLoadersAlive();
            }
            assertEquals(0L, alive.values().stream().mapToLong(Long::longValue).sum(),
                    "class loaders still alive after job " + (i + 1) + ": " + alive);
            used[i] = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getName().equals("Metaspace"))
                    .mapToLong(p -> p.getUsage().getUsed()).sum();
        }
        int last = used.length - 1;
        System.out.println("BENCH Metaspace after jobs 1.." + used.length + " (KB): "
                + Arrays.stream(used).map(b -> b / 1024).boxed().toList()
                + "; growth over jobs 5.." + used.length + ": " + (used[last] - used[4]) / 1024 + " KB"
                + "; over the last 10 jobs: " + (used[last] - used[last - 10]) / 1024 + " KB"
                + "; classes unloaded: " + (classLoading.getUnloadedClassCount() - unloadedAtStart)
                + "; classes loaded now: " + classLoading.getLoadedClassCount());
        // what still grows after warm-up is the JIT's profiling data and reflection accessors of long-lived
        // classes, both bounded (flat with -XX:TieredStopAtLevel=1); a pinned class loader would add far more
        if (used.length >= 40) {
            assertTrue(used[last] - used[last - 10] < 1024 * 1024, "Metaspace grew by "
                    + (used[last] - used[last - 10]) / 1024 + " KB over the last 10 jobs");
        }
    }

    /**
     * Consecutive localfile -> onnx embedding -> localfile jobs on the embedded MiniCluster (a new one per job).
     * After each job only the class loaders of the plugins with native libraries (kept per JVM) are alive: the
     * localfile plugins' loaders are closed and collected, nothing a plugin started keeps one alive.
     */
    @Test
    void consecutiveOnnxJobs() throws Exception {
        Path in = input(false);
        // the embedding step's plugin (LMDB's native binding for the persistent cache) and the onnx plugin (ONNX
        // Runtime, tokenizers) carry native libraries: loaded once per JVM and kept; localfile's are per task
        int nativePlugins = 2;
        for (int i = 0; i < Integer.getInteger("metaspace.onnxJobs", 5); i++) {
            Path jobFile = dir.resolve("onnx-" + i + ".json");
            java.nio.file.Files.writeString(jobFile, OnnxJobs.job(in, dir.resolve("onnx-out-" + i), 2));
            // embedded: the client's plugin directories, so the onnx plugin the client checks is the subtasks' one
            // (a JVM binds a native library to one class loader; shipped copies would be another directory)
            JobResult r = new FlinkEngine(engine(dir.resolve("onnx-dirty-" + i + ".jsonl")),
                    FlinkTarget.embedded(pluginDirs())).run(jobFile);
            assertTrue(r.succeeded(), r.error());
            assertEquals(2000, r.recordsWritten());
            long plugins = perJobLoadersAlive().get(PER_JOB_LOADERS[0]);
            for (int wait = 0; wait < 50 && plugins > nativePlugins; wait++) {
                Thread.sleep(200); // the embedded MiniCluster's shutdown releases the last tasks
                plugins = perJobLoadersAlive().get(PER_JOB_LOADERS[0]);
            }
            System.out.println("BENCH onnx job " + (i + 1) + ": plugin class loaders alive " + plugins
                    + ", threads " + Thread.activeCount() + ", Metaspace " + ManagementFactory.getMemoryPoolMXBeans()
                    .stream().filter(p -> p.getName().equals("Metaspace")).mapToLong(p -> p.getUsage().getUsed())
                    .sum() / 1024 + " KB");
            assertEquals(nativePlugins, plugins, "plugin class loaders alive after onnx job " + (i + 1));
        }
    }

    /**
     * Live instances of {@link #PER_JOB_LOADERS}, from the class histogram of {@code jcmd GC.class_histogram}
     * (which runs a full GC first, so only reachable objects count).
     */
    private static Map<String, Long> perJobLoadersAlive() throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, Long> alive = new LinkedHashMap<>();
        for (String loader : PER_JOB_LOADERS) {
            alive.put(loader, 0L);
        }
        for (String line : histogram.split("\n")) {
            String[] cols = line.trim().split("\\s+"); // num: instances bytes class-name [(module)]
            if (cols.length >= 4 && alive.containsKey(cols[3])) {
                alive.put(cols[3], Long.parseLong(cols[1]));
            }
        }
        return alive;
    }
}
