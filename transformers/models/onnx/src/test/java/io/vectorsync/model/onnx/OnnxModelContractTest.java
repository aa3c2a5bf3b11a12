package io.vectorsync.model.onnx;

import io.vectorsync.api.model.EmbeddingModelFactory;
import io.vectorsync.testkit.contract.EmbeddingModelContract;
import java.util.Map;

/**
 * The test kit's model contract on the onnx provider with the real all-MiniLM-L6-v2: padded batches and single
 * texts agree within float tolerance.
 */
class OnnxModelContractTest extends EmbeddingModelContract {
    @Override
    protected EmbeddingModelFactory factory() {
        return new OnnxModelFactory();
    }

    @Override
    protected Map<String, Object> params() {
        return Map.of("modelName", "all-MiniLM-L6-v2");
    }
}
