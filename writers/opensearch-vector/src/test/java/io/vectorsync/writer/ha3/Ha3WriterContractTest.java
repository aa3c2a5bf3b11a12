package io.vectorsync.writer.ha3;

import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.testkit.contract.WriterContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The test kit's writer contract on the OpenSearch Vector (HA3) writer against the loopback fake: a new table
 * per test. Pushes are not transactional, so an aborted run may leave the documents already pushed (README,
 * "What a failed run leaves").
 */
class Ha3WriterContractTest extends WriterContract {
    private static final AtomicInteger TABLES = new AtomicInteger();
    @RegisterExtension
    static final FakeHa3Server server = new FakeHa3Server();
    private String table;

    @Override
    protected WriterFactory factory() {
        return new Ha3WriterFactory();
    }

    @Override
    protected Map<String, Object> params() {
        String index = "contract" + TABLES.incrementAndGet();
        table = "ha-cn-test_" + index;
        server.addTable(table, new FakeHa3Server.Table("id", List.of("id", "text"), Map.of()));
        Map<String, Object> p = server.params(index, List.of("id", "text"));
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
