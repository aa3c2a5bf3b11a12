package io.vectorsync.writer.milvus;

import io.milvus.grpc.InsertRequest;
import io.milvus.grpc.UpsertRequest;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.testkit.contract.WriterContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The test kit's writer contract on the Milvus writer against the in-process gRPC fake: a new collection per test
 * (created by the writer), upsert by primary key. Batches already sent stay after an abort (README).
 */
class MilvusWriterContractTest extends WriterContract {
    private static final AtomicInteger COLLECTIONS = new AtomicInteger();
    private static final Schema SCHEMA = MilvusWriterTest.schema(4);
    private static FakeMilvusServer server;
    private String collection;

    @BeforeAll
    static void start() throws Exception {
        server = new FakeMilvusServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    protected WriterFactory factory() {
        return new MilvusWriterFactory();
    }

    @Override
    protected Map<String, Object> params() {
        collection = "contract_" + COLLECTIONS.incrementAndGet();
        Map<String, Object> p = MilvusWriterTest.params(server.uri(), collection, "createIfNotExist", "upsert");
        p.put("batchSize", "2");
        return p;
    }

    @Override
    protected Schema schema() {
        return SCHEMA;
    }

    @Override
    protected List<Row> rows() {
        return MilvusWriterTest.records(SCHEMA, 9, 4);
    }

    /** What the collection holds: every inserted row, and one row per primary key upserted. */
    @Override
    protected List<String> readTarget() {
        List<String> ids = new ArrayList<>();
        for (InsertRequest r : server.inserts) {
            if (r.getCollectionName().equals(collection)) {
                FakeMilvusRows.decode(r.getFieldsDataList(), r.getNumRows()).forEach(row -> ids.add(id(row)));
            }
        }
        Map<String, Boolean> upserted = new LinkedHashMap<>();
        for (UpsertRequest r : server.upserts) {
            if (r.getCollectionName().equals(collection)) {
                FakeMilvusRows.decode(r.getFieldsDataList(), r.getNumRows()).forEach(row -> upserted.put(id(row), true));
            }
        }
        ids.removeAll(upserted.keySet());
        ids.addAll(upserted.keySet());
        return ids;
    }

    private static String id(Map<String, Object> row) {
        return String.valueOf(row.get("id"));
    }

    @Override
    protected AbortOutcome abortLeaves() {
        return AbortOutcome.SOME_OF_THE_WRITTEN;
    }

    @Override
    protected BindMismatch bindMismatch() {
        return new BindMismatch(Schema.builder().field("id", DataType.INT64).field("sentence", DataType.STRING)
                .build(), "sentence_e");
    }
}
