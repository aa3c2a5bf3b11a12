package io.vectorsync.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.SparseVector;
import io.vectorsync.core.estimate.Estimator;
import io.vectorsync.core.job.InvalidJobException;
import io.vectorsync.core.estimate.JobEstimate;
import io.vectorsync.core.runtime.JobResult;
import io.vectorsync.core.runtime.RunOptions;
import io.vectorsync.core.testplugins.CollectWriterFactory;
import io.vectorsync.core.testplugins.SparseModelFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sparse output through the core's model registry (each provider in its own class loader): the output types and
 * the sparse call reach the provider, the refusal lists the providers with sparse output, and estimates work.
 */
class SparseOutputTest {
    @TempDir
    Path dir;

    private Path job(String provider, String sink) throws Exception {
        String embedding = "{'stepType':'embedding-transformer','category':'flatmap','name':'embed','parameter':{"
                + "'modelProvider':'" + provider + "','embeddingColumns':{'sourceColumnNames':['text'],"
                + "'embeddingColumnName':'vec'},'outputType':'dense&sparse','persistentCache':{'enabled':false}}}";
        return Jobs.write(dir, "sparse-job", Jobs.job("'count':20", embedding, "'sink':'" + sink + "'",
                "'speed':{'concurrent':1}"));
    }

    private Engine engine() {
        return Engine.builder().dirtyFile(dir.resolve("dirty.jsonl"))
                .runOptions(RunOptions.defaults().withProgressInterval(Duration.ZERO)).build();
    }

    @Test
    void denseAndSparseVectorsReachTheWriter() throws Exception {
        String sink = UUID.randomUUID().toString();
        JobResult run = engine().run(job("sparsecount", sink));
        assertTrue(run.succeeded(), String.valueOf(run.error()));
        List<Row> rows = CollectWriterFactory.sink(sink);
        assertEquals(20, rows.size());
        for (Row r : rows) {
            String text = (String) r.get("text");
            assertEquals(new SparseVector(new int[] {text.length()}, new float[] {1}), r.get("vec_sparse"));
            assertEquals(text.length(), ((float[]) r.get("vec"))[3]);
        }
    }

    @Test
    void aProviderWithoutSparseOutputIsRefusedNamingTheOnesWithIt() throws Exception {
        // refused when the job is planned, before anything is read
        Path job = job("counting", UUID.randomUUID().toString());
        String message = assertThrows(InvalidJobException.class, () -> engine().run(job)).getMessage();
        assertTrue(message.contains("returns [dense] vectors, not \"dense&sparse\"; providers that return sparse "
                + "vectors: sparsecount (any model)"), message);
    }

    @Test
    void anEstimateOfASparseJobCallsNoModel() throws Exception {
        long before = SparseModelFactory.TEXTS_SENT.get();
        JobEstimate e = new Estimator(engine()).estimate(job("sparsecount", UUID.randomUUID().toString()), 0);
        assertEquals(before, SparseModelFactory.TEXTS_SENT.get());
        assertEquals(20, e.texts());
    }
}
