package io.vectorsync.writer.opensearch;

import io.vectorsync.writer.searchcommon.testing.SparseVectorWriteContract;

/** Sparse and NULL vectors against the real OpenSearch node. */
class OpenSearchSparseTest extends SparseVectorWriteContract {
    OpenSearchSparseTest() {
        super(OsTestServer.PRODUCT);
    }
}
