package io.vectorsync.reader.stream;

import io.vectorsync.api.reader.ReaderFactory;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.testkit.contract.ReaderContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The reader contract of the test kit, on the stream reader: sliceRecordCount constant records per stream. */
class StreamReaderContractTest extends ReaderContract {
    private static final int SLICE = 250;
    private static final Schema SCHEMA = Schema.builder().field("col0", DataType.INT64).field("greeting", DataType.STRING)
            .build();

    @Override
    protected ReaderFactory factory() {
        return new StreamReaderFactory();
    }

    @Override
    protected Map<String, Object> params() {
        return Map.of("column", List.of(Map.of("type", "long", "value", 42),
                        Map.of("type", "string", "value", "hello", "name", "greeting")),
                "sliceRecordCount", SLICE);
    }

    @Override
    protected List<Row> expectedRows(int parallelism) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < SLICE * parallelism; i++) {
            rows.add(Row.of(SCHEMA, 42L, "hello"));
        }
        return rows;
    }
}
