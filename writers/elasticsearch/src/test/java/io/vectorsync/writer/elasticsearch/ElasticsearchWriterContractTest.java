package io.vectorsync.writer.elasticsearch;

import io.vectorsync.writer.searchcommon.testing.SearchWriterContract;

/** The test kit's writer contract on the Elasticsearch writer, against the module's real node. */
class ElasticsearchWriterContractTest extends SearchWriterContract {
    ElasticsearchWriterContractTest() {
        super(EsTestServer.PRODUCT);
    }
}
