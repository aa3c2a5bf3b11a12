package io.vectorsync.writer.ha3;

import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.testkit.contract.WriterContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The test kit's writer contract on the OpenSearch Vector (HA3) writer against the loopback fake: a new table
 * per test. Pushes are not transactional, so an aborted run may leave the documents already pushed (README,
 * "What a failed run leaves").
 */
class Ha3WriterContractTest extends WriterContract {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static FakeHa3Server server;
    private String table;

    @BeforeAll
    static void start() throws Exception {
        server = new FakeHa3Server();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Override
    protected WriterFactory factory() {
        return new Ha3WriterFactory();
    }

    @Override
    protected Map<String, Object> params() {
        String index = "contract" + TABLES.incrementAndGet();
        table = "ha-cn-test_" + index;
        server.addTable(table, new FakeHa3Server.Table("id", List.of("id", "text"), Map.of()));
        Map<String, Object> p = new HashMap<>();
        p.put("host", server.endpoint());
        p.put("instanceId", "ha-cn-test");
        p.put("accessId", FakeHa3Server.USER);
        p.put("accessKey", FakeHa3Server.PASSWORD);
        p.put("indexName", index);
        p.put("column", List.of("id", "text"));
        p.put("batchSize", "2");
        return p;
    }

    @Override
    protected List<String> readTarget() {
        return new ArrayList<>(server.docs.get(table).keySet());
    }

    @Override
    protected AbortOutcome abortLeaves() {
        return AbortOutcome.SOME_OF_THE_WRITTEN;
    }

    @Override
    protected BindMismatch bindMismatch() {
        return new BindMismatch(Schema.builder().field("id", DataType.INT64).build(), "text");
    }
}
