package io.vectorsync.transformer.embedding;

import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.DIM;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.INPUT;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.params;
import static io.vectorsync.transformer.embedding.EmbeddingTestSupport.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.config.Secret;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModelFactory;
import io.vectorsync.api.model.Embeddings;
import io.vectorsync.api.model.ModelLimits;
import io.vectorsync.api.model.OutputType;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.SparseVector;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** outputType sparse and dense&sparse: columns, values, the memory cache, NULL vectors and the capability check. */
class EmbeddingSparseTest {
    /** A provider returning the fake's dense vector and, as sparse weights, each character's count by code point. */
    static final class SparseFake implements EmbeddingModelFactory {
        final List<OutputType> calls = Collections.synchronizedList(new ArrayList<>());
        final List<String> texts = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String name() {
            return "sparsefake";
        }

        @Override
        public String description() {
            return "test model with sparse output";
        }

        @Override
        public String sparseOutput() {
            return "sparse-model";
        }

        @Override
        public ConfigSpec configSpec() {
            return ConfigSpec.builder().add(Option.stringOption("modelName").build(),
                    Option.secretOption("apiKey").build(), Option.intOption("dimension").defaultValue(DIM).build())
                    .build();
        }

        static SparseVector sparse(String text) {
            TreeMap<Integer, Float> counts = new TreeMap<>();
            text.codePoints().forEach(c -> counts.merge(c, 1f, Float::sum));
            int[] idx = counts.keySet().stream().mapToInt(Integer::intValue).toArray();
            float[] val = new float[idx.length];
            for (int i = 0; i < idx.length; i++) {
                val[i] = counts.get(idx[i]);
            }
            return new SparseVector(idx, val);
        }

        @Override
        public EmbeddingModel create(PluginConfig config, PluginContext context) {
            return new EmbeddingModel() {
                @Override
                public ModelLimits limits() {
                    return new ModelLimits(10, 0, 0, DIM);
                }

                @Override
                public String cacheKey() {
                    return "sparsefake";
                }

                @Override
                public Set<OutputType> outputTypes() {
                    return EnumSet.allOf(OutputType.class);
                }

                @Override
                public CompletableFuture<Embeddings> embed(List<String> batch) {
                    return embed(batch, OutputType.DENSE);
                }

                @Override
                public CompletableFuture<Embeddings> embed(List<String> batch, OutputType type) {
                    calls.add(type);
                    texts.addAll(batch);
                    List<float[]> dense = new ArrayList<>();
                    List<SparseVector> sparse = new ArrayList<>();
                    for (String t : batch) {
                        if (type.dense()) {
                            dense.add(FakeEmbeddingModelFactory.vector(t, DIM));
                        }
                        if (type.sparse()) {
                            sparse.add(sparse(t));
                        }
                    }
                    return CompletableFuture.completedFuture(new Embeddings(dense, batch.size(), sparse));
                }
            };
        }
    }

    private static PluginHarness.TransformResult run(SparseFake fake, Map<String, Object> p, List<Row> rows)
            throws Exception {
        return PluginHarness.transform(new EmbeddingTransformerFactory(), p, INPUT, rows, 10,
                new TestPluginContext("embed", 2).withModel(fake));
    }

    @Test
    void denseAndSparseFillTwoColumnsFromOneCallPerTextAndRepeatsComeFromTheCache() throws Exception {
        SparseFake fake = new SparseFake();
        List<Row> rows = List.of(row(1, "abba", "x"), row(2, "cab", "y"), row(3, "abba", "z"));
        PluginHarness.TransformResult r = run(fake, params("modelProvider", "sparsefake", "outputType",
                "dense&sparse", "sparseEmbeddingColumnName", "sp"), rows);
        assertEquals(DataType.floatVector(DIM), r.schema().find("vec").orElseThrow().type());
        assertEquals(DataType.SPARSE_VECTOR, r.schema().find("sp").orElseThrow().type());
        assertEquals(3, r.records().size());
        assertArrayEquals(FakeEmbeddingModelFactory.vector("abba", DIM), (float[]) r.records().get(0).get("vec"));
        assertEquals(new SparseVector(new int[] {'a', 'b'}, new float[] {2, 2}), r.records().get(0).get("sp"));
        assertEquals(SparseFake.sparse("cab"), r.records().get(1).get("sp"));
        assertEquals(r.records().get(0).get("sp"), r.records().get(2).get("sp"));
        assertEquals(List.of("abba", "cab"), fake.texts, "each distinct text is sent once");
        assertTrue(fake.calls.stream().allMatch(OutputType.DENSE_AND_SPARSE::equals), fake.calls.toString());
    }

    @Test
    void sparseAloneGoesToTheEmbeddingColumnByDefault() throws Exception {
        SparseFake fake = new SparseFake();
        PluginHarness.TransformResult r = run(fake, params("modelProvider", "sparsefake", "outputType", "sparse"),
                List.of(row(1, "abc", "x")));
        assertEquals(DataType.SPARSE_VECTOR, r.schema().find("vec").orElseThrow().type());
        assertEquals(INPUT.size() + 1, r.schema().size());
        assertEquals(SparseFake.sparse("abc"), r.records().get(0).get("vec"));
        assertEquals(List.of(OutputType.SPARSE), fake.calls);
    }

    @Test
    void anEmptyTextWithNullAsEmptyStringGetsNullDenseAndSparseVectors() throws Exception {
        SparseFake fake = new SparseFake();
        PluginHarness.TransformResult r = run(fake, params("modelProvider", "sparsefake", "outputType",
                "dense&sparse", "nullAsEmptyString", true), List.of(row(1, null, "x"), row(2, "ab", "y")));
        assertEquals(2, r.records().size());
        assertNull(r.records().get(0).get("vec"));
        assertNull(r.records().get(0).get("vec_sparse"));
        assertEquals(SparseFake.sparse("ab"), r.records().get(1).get("vec_sparse"));
        assertEquals(List.of("ab"), fake.texts);
    }

    @Test
    void aProviderWithoutSparseOutputIsRefusedNamingThoseThatHaveIt() {
        TestPluginContext ctx = new TestPluginContext("embed", 2).withModel(new FakeEmbeddingModelFactory())
                .withModel(new SparseFake());
        EmbeddingTransformerFactory f = new EmbeddingTransformerFactory();
        PluginException e = assertThrows(PluginException.class,
                () -> f.create(PluginHarness.bind(f, params("outputType", "dense&sparse")), ctx));
        assertEquals("\"outputType\": embed: model provider \"fake\" (model fake-embed) returns [dense] vectors, not "
                + "\"dense&sparse\"; providers that return sparse vectors: sparsefake (sparse-model); or set "
                + "outputType to dense", e.getMessage());
    }

    @Test
    void theSparseColumnMayNotBeTheDenseOne() {
        EmbeddingTransformerFactory f = new EmbeddingTransformerFactory();
        PluginException e = assertThrows(PluginException.class, () -> f.create(PluginHarness.bind(f,
                params("modelProvider", "sparsefake", "outputType", "dense&sparse", "sparseEmbeddingColumnName",
                        "vec")), new TestPluginContext("embed").withModel(new SparseFake())));
        assertTrue(e.getMessage().contains("sparseEmbeddingColumnName") && e.getMessage().contains("column of its own"),
                e.getMessage());
    }

    @Test
    void sparsePayloadsRoundTripEveryIndex() {
        SparseVector s = new SparseVector(new int[] {-7, 0, 65535, 65536, 250002, Integer.MAX_VALUE},
                new float[] {1, 2, 3, 4, 5.5f, -6});
        float[] dense = {0.25f, -1};
        float[] packed = SparsePayload.pack(dense, s);
        assertArrayEquals(dense, SparsePayload.dense(packed, 2));
        assertEquals(s, SparsePayload.sparse(packed, 2));
        assertEquals(s, SparsePayload.sparse(SparsePayload.pack(null, s), 0));
    }
}
