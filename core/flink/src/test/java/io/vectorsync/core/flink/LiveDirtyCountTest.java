package io.vectorsync.core.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.core.Engine;
import io.vectorsync.core.job.JobPlan;
import io.vectorsync.core.job.JobPlanner;
import io.vectorsync.core.job.JobSpec;
import io.vectorsync.core.runtime.DirtyRecords;
import io.vectorsync.core.runtime.JobControl;
import io.vectorsync.core.stats.ProgressReporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line of a Flink run counts the subtasks' dirty records while the job runs: they come as
 * accumulators every second, long before the dirty lines themselves reach the client at each subtask's end.
 */
class LiveDirtyCountTest {
    @TempDir
    Path dir;

    @Test
    void dirtyRecordsReportedByAccumulatorsShowInTheProgressLine() throws Exception {
        Path dirtyFile = dir.resolve("dirty.jsonl");
        Engine engine = Engine.builder().pluginDirs(FlinkEngineTest.pluginDirs()).dirtyFile(dirtyFile).build();
        Path jobFile = Files.writeString(dir.resolve("job.json"), """
                {"type": "job", "version": "2.0",
                 "steps": [
                  {"stepType": "localfile", "category": "reader", "name": "Reader",
                   "parameter": {"path": ["%s/*.csv"], "fileFormat": "csv",
                     "column": [{"index": 0, "name": "sentence", "type": "string"}]}},
                  %s],
                 "setting": {"errorLimit": {"record": "10"}, "speed": {"concurrent": 2}}}
                """.formatted(dir, FlinkEngineTest.localfileWriter(dir.resolve("out"))));
        JobSpec spec = engine.parse(jobFile);
        try (DirtyRecords clientDirty = new DirtyRecords(dirtyFile, 10L, new ObjectMapper(), engine.masker());
             JobPlan plan = new JobPlanner(engine.plugins(), clientDirty, new JobControl(), engine.masker(), false)
                     .plan(spec)) {
            FlinkEngine.DirtyLines taskDirty = new FlinkEngine.DirtyLines(dirtyFile);
            ProgressReporter progress = new ProgressReporter(plan, 2000, Duration.ofSeconds(5),
                    () -> FlinkEngine.liveDirtyCount(plan, clientDirty, taskDirty));
            Map<String, Long> seen = new HashMap<>();
            // the subtasks' sums after a second: 700 read, 3 of them dirty at the reader, 697 to the writer
            Accumulators.applyTo(plan, Map.of("vs.0.out", 697L, "vs.0.dirty", 3L, "vs.1.in", 697L), seen);

            String line = progress.line();
            assertTrue(line.startsWith("read 700 ("), line);
            assertTrue(line.contains("| dirty 3"), line);

            // the dirty lines arrive at the subtasks' end: counted once, not twice
            for (int i = 0; i < 3; i++) {
                taskDirty.write("{\"line\": " + i + "}");
            }
            assertEquals(3, FlinkEngine.liveDirtyCount(plan, clientDirty, taskDirty));
            taskDirty.close();
        }
    }
}
