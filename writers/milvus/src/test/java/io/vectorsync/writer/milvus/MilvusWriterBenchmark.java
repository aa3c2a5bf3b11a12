package io.vectorsync.writer.milvus;

import com.google.gson.JsonObject;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.vector.request.UpsertReq;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * rows/s of the Milvus writer into the in-process fake (768-dim vectors), versus the bare SDK upserting
 * pre-built rows in the same batches: the difference is the writer's own per-row cost.
 * Run: {@code mvn -pl writers/milvus test -Dtest=MilvusWriterBenchmark -Dbench -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class MilvusWriterBenchmark {
    private static final int ROWS = Integer.getInteger("bench.rows", 20_000);
    private static final int DIM = 768;

    @Test
    void writerVersusBareSdk() throws Exception {
        Schema s = Schema.builder().field("id", DataType.INT64).field("sentence", DataType.STRING)
                .field("sentence_e", DataType.floatVector(DIM)).build();
        Random rnd = new Random(1);
        List<Row> recs = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            float[] f = new float[DIM];
            for (int k = 0; k < DIM; k++) {
                f[k] = rnd.nextFloat();
            }
            recs.add(Row.of(s, (long) i, "sentence " + i, f));
        }
        try (FakeMilvusServer server = new FakeMilvusServer()) {
            server.addCollection("bench", MilvusWriterTest.existing("bench", DIM, false, false));
            double bestWriter = 0;
            double bestSdk = 0;
            for (int round = 0; round < 3; round++) {
                server.upserts.clear();
                Map<String, Object> p = Map.of("endpoint", server.uri(), "collection", "bench",
                        "schemaCreateMode", "ignore", "batchSize", 1024);
                long t0 = System.nanoTime();
                PluginHarness.write(new MilvusWriterFactory(), p, s, recs, 1024, new TestPluginContext("W"));
                // the SDK's flush waits 1 s between GetFlushState polls; not the writer's cost
                bestWriter = Math.max(bestWriter, ROWS / ((System.nanoTime() - t0 - 1_000_000_000L) / 1e9));
                int received = server.upserts.stream().mapToInt(r -> r.getNumRows()).sum();
                if (received != ROWS) {
                    throw new AssertionError("server received " + received);
                }

                List<JsonObject> rows = new ArrayList<>(ROWS);
                for (Row r : recs) {
                    JsonObject o = new JsonObject();
                    o.addProperty("id", (Long) r.get(0));
                    o.addProperty("sentence", (String) r.get(1));
                    o.add("sentence_e", MilvusValues.floats((float[]) r.get(2)));
                    rows.add(o);
                }
                MilvusClientV2 client = new MilvusClientV2(ConnectConfig.builder().uri(server.uri()).build());
                t0 = System.nanoTime();
                for (int i = 0; i < ROWS; i += 1024) {
                    client.upsert(UpsertReq.builder().collectionName("bench").data(rows.subList(i, Math.min(ROWS, i + 1024))).build());
                }
                bestSdk = Math.max(bestSdk, ROWS / ((System.nanoTime() - t0) / 1e9));
                client.close();
            }
            System.out.printf("MilvusWriterBenchmark rows=%d dim=%d: writer %.0f rows/s (flush wait excluded), bare SDK "
                    + "upsert of pre-built rows %.0f rows/s, ratio %.2f%n", ROWS, DIM, bestWriter, bestSdk, bestWriter / bestSdk);
        }
    }
}
