package io.vectorsync.writer.elasticsearch;

import io.vectorsync.writer.searchcommon.testing.SparseVectorWriteContract;

/** Sparse and NULL vectors against the real Elasticsearch node. */
class ElasticsearchSparseTest extends SparseVectorWriteContract {
    ElasticsearchSparseTest() {
        super(EsTestServer.PRODUCT);
    }
}
