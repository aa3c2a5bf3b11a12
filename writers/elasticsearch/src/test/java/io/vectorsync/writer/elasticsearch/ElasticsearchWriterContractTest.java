package io.vectorsync.writer.elasticsearch;

import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.writer.searchcommon.testing.SearchWriterContract;

/** The test kit's writer contract on the Elasticsearch writer, against the module's real node. */
class ElasticsearchWriterContractTest extends SearchWriterContract {
    @Override
    protected WriterFactory factory() {
        return new ElasticsearchWriterFactory();
    }

    @Override
    protected String url() {
        return EsTestServer.url();
    }
}
