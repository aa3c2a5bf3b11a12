package io.vectorsync.testkit.contract;

import io.vectorsync.api.model.EmbeddingModelFactory;
import java.util.Map;

/** The model contract on a well-behaved in-process model: every test of the suite passes. */
class HashingModelContractTest extends EmbeddingModelContract {
    @Override
    protected EmbeddingModelFactory factory() {
        return new HashingModelFactory(false);
    }

    @Override
    protected Map<String, Object> params() {
        return Map.of();
    }

    @Override
    protected float tolerance() {
        return 0f;
    }
}
