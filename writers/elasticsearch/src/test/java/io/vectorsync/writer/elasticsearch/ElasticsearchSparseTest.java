package io.vectorsync.writer.elasticsearch;

import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.writer.searchcommon.testing.SparseVectorWriteContract;

/** Sparse and NULL vectors against the real Elasticsearch node. */
class ElasticsearchSparseTest extends SparseVectorWriteContract {
    @Override
    protected String url() {
        return EsTestServer.url();
    }

    @Override
    protected WriterFactory factory() {
        return new ElasticsearchWriterFactory();
    }

    @Override
    protected String sparseType() {
        return "sparse_vector";
    }

    @Override
    protected String product() {
        return "Elasticsearch";
    }
}
