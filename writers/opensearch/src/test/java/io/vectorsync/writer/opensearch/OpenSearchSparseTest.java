package io.vectorsync.writer.opensearch;

import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.writer.searchcommon.testing.SparseVectorWriteContract;

/** Sparse and NULL vectors against the real OpenSearch node. */
class OpenSearchSparseTest extends SparseVectorWriteContract {
    @Override
    protected String url() {
        return OsTestServer.url();
    }

    @Override
    protected WriterFactory factory() {
        return new OpenSearchWriterFactory();
    }

    @Override
    protected String sparseType() {
        return "rank_features";
    }

    @Override
    protected String product() {
        return "OpenSearch";
    }
}
