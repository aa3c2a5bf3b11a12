package io.vectorsync.core.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.core.Jobs;
import io.vectorsync.core.job.Datasources;
import io.vectorsync.core.job.JobParser;
import io.vectorsync.core.job.JobPlan;
import io.vectorsync.core.job.JobPlanner;
import io.vectorsync.core.job.JobSpec;
import io.vectorsync.core.plugin.PluginRegistry;
import io.vectorsync.core.runtime.DirtyRecords;
import io.vectorsync.core.runtime.JobControl;
import io.vectorsync.core.runtime.JobResult;
import io.vectorsync.core.runtime.JobRunner;
import io.vectorsync.core.runtime.RunOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressReporterTest {
    @TempDir
    Path dir;

    @Test
    void theLineShowsCountsRatesDirtyAndEtaWhenTheTotalIsKnown() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String json = Jobs.job("'count':5000,'splits':2,'markEvery':1000,'mark':'REJECT'", "",
                "'sink':'progress','rejectColumn':'text'", "").replace('\'', '"');
        JobSpec spec = new JobParser(Map.of(), Map.of(), Datasources.none(dir)).parse("p", json);
        SecretMasker masker = new SecretMasker();
        JobControl control = new JobControl();
        try (DirtyRecords dirty = new DirtyRecords(dir.resolve("d.jsonl"), null, mapper, masker);
             JobPlan plan = new JobPlanner(PluginRegistry.scan(List.of(), true), dirty, control, masker, false).plan(spec)) {
            JobResult r = new JobRunner(control, dirty, masker).run(plan, RunOptions.defaults().withProgressInterval(Duration.ZERO));
            assertTrue(r.succeeded(), r.error());
            String line = new ProgressReporter(plan, 5000, Duration.ofSeconds(5), dirty).line();
            assertTrue(line.startsWith("read 5,000 ("), line);
            assertTrue(line.contains("rec/s") && line.contains("MB/s"), line);
            assertTrue(line.contains("to writer 4,995 | dirty 5"), line);
            assertTrue(line.contains("100% ETA 0s"), line);
        }
    }
}
