package io.vectorsync.core.flink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.core.runtime.JobResult;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Twenty consecutive localfile jobs on one MiniCluster (2 TaskManagers x 2 slots, the core parent-first as on a
 * prepared cluster): prints Metaspace after each job (after GC) and how many classes were unloaded, to watch for
 * class loaders pinned after their job. Measured, not asserted. Run:
 * {@code mvn -pl core/flink test -Dtest=MetaspaceBenchmark -Dbench}.
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class MetaspaceBenchmark extends FlinkEngineTest {
    @Test
    void consecutiveJobs() throws Exception {
        Path in = input(false);
        var classLoading = ManagementFactory.getClassLoadingMXBean();
        long unloadedAtStart = classLoading.getUnloadedClassCount();
        long[] used = new long[20];
        for (int i = 0; i < used.length; i++) {
            JobResult r = new FlinkEngine(engine(dir.resolve("dirty-" + i + ".jsonl")), FlinkTarget.session(master))
                    .run(job(in, localfileWriter(dir.resolve("out-" + i)), 2, "0"));
            assertTrue(r.succeeded(), r.error());
            for (int g = 0; g < 3; g++) {
                System.gc();
                Thread.sleep(100);
            }
            used[i] = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getName().equals("Metaspace"))
                    .mapToLong(p -> p.getUsage().getUsed()).sum();
        }
        System.out.println("BENCH Metaspace after jobs 1..20 (KB): "
                + Arrays.stream(used).map(b -> b / 1024).boxed().toList() + "; growth over jobs 5..20: "
                + (used[19] - used[4]) / 1024 + " KB; classes unloaded: "
                + (classLoading.getUnloadedClassCount() - unloadedAtStart));
    }
}
