package io.vectorsync.writer.opensearch;

import io.vectorsync.writer.searchcommon.testing.SearchWriterContract;

/** The test kit's writer contract on the OpenSearch writer, against the module's real node. */
class OpenSearchWriterContractTest extends SearchWriterContract {
    OpenSearchWriterContractTest() {
        super(OsTestServer.PRODUCT);
    }
}
