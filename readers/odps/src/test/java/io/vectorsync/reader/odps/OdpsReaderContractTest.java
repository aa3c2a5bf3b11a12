package io.vectorsync.reader.odps;

import com.aliyun.odps.OdpsType;
import io.vectorsync.api.reader.ReaderFactory;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.testkit.contract.ReaderContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;

/**
 * The reader contract of the test kit, on the ODPS reader against the loopback fake of the tunnel API: a
 * 250-row table read in record ranges of at most 40; schema and split codec must work with the service
 * unreachable.
 */
class OdpsReaderContractTest extends ReaderContract {
    private static final Schema SCHEMA = Schema.builder().field("id", DataType.INT64).field("body", DataType.STRING)
            .build();
    private static final List<Row> ROWS = new ArrayList<>();
    @AutoClose
    private static FakeTunnelServer fake;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeTunnelServer();
        fake.addRangeTable("contract", 250, FakeTunnelServer.col("id", OdpsType.BIGINT),
                FakeTunnelServer.col("body", OdpsType.STRING));
        for (long i = 0; i < 250; i++) {
            ROWS.add(Row.of(SCHEMA, i, "text " + i));
        }
    }

    @Override
    protected ReaderFactory factory() {
        return new OdpsReaderFactory();
    }

    @Override
    protected Map<String, Object> params() {
        return params(fake.base());
    }

    private static Map<String, Object> params(String base) {
        return FakeTunnelServer.params(base, "table", "contract",
                "column", List.of(Map.of("name", "id", "type", "long"), "body"), "splitRecords", 40);
    }

    /** A closed port on the loopback interface. */
    @Override
    protected Map<String, Object> unreachableParams() {
        return params("http://127.0.0.1:9");
    }

    @Override
    protected List<Row> expectedRows(int parallelism) {
        return ROWS;
    }
}
