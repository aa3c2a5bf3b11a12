package io.vectorsync.writer.opensearch;

import io.vectorsync.api.error.ErrorCode;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.writer.searchcommon.testing.UnreachableClusterContract;

/** A closed loopback port: check() fails fast with {@code opensearch.UNAVAILABLE} naming the endpoint and the step. */
class OpenSearchUnreachableTest extends UnreachableClusterContract {
    @Override
    protected WriterFactory factory() {
        return new OpenSearchWriterFactory();
    }

    @Override
    protected ErrorCode unavailable() {
        return OpenSearchErrorCode.UNAVAILABLE;
    }

    @Override
    protected String product() {
        return "OpenSearch";
    }
}
