package io.vectorsync.writer.elasticsearch;

import io.vectorsync.api.error.ErrorCode;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.writer.searchcommon.testing.UnreachableClusterContract;

/** A closed loopback port: check() fails fast with {@code elasticsearch.UNAVAILABLE} naming the endpoint and the step. */
class ElasticsearchUnreachableTest extends UnreachableClusterContract {
    @Override
    protected WriterFactory factory() {
        return new ElasticsearchWriterFactory();
    }

    @Override
    protected ErrorCode unavailable() {
        return ElasticsearchErrorCode.UNAVAILABLE;
    }

    @Override
    protected String product() {
        return "Elasticsearch";
    }
}
