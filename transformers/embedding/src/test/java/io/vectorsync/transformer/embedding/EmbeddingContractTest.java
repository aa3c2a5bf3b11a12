package io.vectorsync.transformer.embedding;

import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.transform.TransformerFactory;
import io.vectorsync.testkit.TestPluginContext;
import io.vectorsync.testkit.contract.TransformerContract;
import java.util.List;
import java.util.Map;

/**
 * The transformer contract of the test kit, on the embedding step with the deterministic fake provider: rows
 * with a title are emitted with its vector (a repeated title comes from the cache), a row whose title is NULL is
 * dirty.
 */
class EmbeddingContractTest extends TransformerContract {
    @Override
    protected TransformerFactory factory() {
        return new EmbeddingTransformerFactory();
    }

    @Override
    protected Map<String, Object> params() {
        return EmbeddingTestSupport.params();
    }

    @Override
    protected Schema inputSchema() {
        return EmbeddingTestSupport.INPUT;
    }

    @Override
    protected List<Row> inputRows() {
        return List.of(EmbeddingTestSupport.row(1, "first title", "b1"), EmbeddingTestSupport.row(2, null, "b2"),
                EmbeddingTestSupport.row(3, "first title", "b3"), EmbeddingTestSupport.row(4, "今天天气很好", "b4"),
                EmbeddingTestSupport.row(5, "a longer title about vectors and where they are searched", "b5"));
    }

    @Override
    protected TestPluginContext context() {
        return new TestPluginContext("embed", 4).withModel(new FakeEmbeddingModelFactory());
    }
}
