package io.vectorsync.reader.oss;

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
 * The reader contract of the test kit, on the OSS reader against the loopback fake of the OSS API: four CSV
 * objects under a prefix; schema and split codec must work with the endpoint unreachable.
 */
class OssReaderContractTest extends ReaderContract {
    private static final Schema SCHEMA = Schema.builder().field("id", DataType.INT64).field("name", DataType.STRING)
            .build();
    private static final List<Row> ROWS = new ArrayList<>();
    @AutoClose
    private static FakeOssServer oss;

    @BeforeAll
    static void start() throws Exception {
        oss = new FakeOssServer();
        int id = 0;
        for (int object = 0; object < 4; object++) {
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < 25; i++, id++) {
                csv.append(id).append(",name ").append(id).append('\n');
                ROWS.add(Row.of(SCHEMA, (long) id, "name " + id));
            }
            oss.put("contract", "data/part-" + object + ".csv", csv.toString());
        }
    }

    @Override
    protected ReaderFactory factory() {
        return new OssReaderFactory();
    }

    @Override
    protected Map<String, Object> params() {
        return params(oss.endpoint());
    }

    private static Map<String, Object> params(String endpoint) {
        return FakeOssServer.params(endpoint, "contract", "object", List.of("data/*"), "fileFormat", "csv",
                "column", List.of(Map.of("index", 0, "type", "long", "name", "id"),
                        Map.of("index", 1, "type", "string", "name", "name")));
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
