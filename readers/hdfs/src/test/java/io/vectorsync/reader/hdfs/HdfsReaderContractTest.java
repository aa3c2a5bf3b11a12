package io.vectorsync.reader.hdfs;

import io.vectorsync.api.reader.ReaderFactory;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.testkit.contract.ReaderContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * The reader contract of the test kit, on the HDFS reader against the shared MiniDFSCluster: four text files
 * under a directory; schema and split codec must work with the NameNode unreachable.
 */
class HdfsReaderContractTest extends ReaderContract {
    private static final Schema SCHEMA = Schema.builder().field("id", DataType.INT64).field("name", DataType.STRING)
            .build();
    private static final List<Row> ROWS = new ArrayList<>();
    private static MiniHdfs hdfs;

    @BeforeAll
    static void start() throws Exception {
        hdfs = MiniHdfs.get();
        int id = 0;
        for (int file = 0; file < 4; file++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 25; i++, id++) {
                text.append(id).append(",name ").append(id).append('\n');
                ROWS.add(Row.of(SCHEMA, (long) id, "name " + id));
            }
            hdfs.write("/contract/part-" + file, text.toString());
        }
    }

    @Override
    protected ReaderFactory factory() {
        return new HdfsReaderFactory();
    }

    @Override
    protected Map<String, Object> params() {
        return params(hdfs.uri());
    }

    private static Map<String, Object> params(String defaultFs) {
        Map<String, Object> p = new HashMap<>();
        p.put("defaultFS", defaultFs);
        p.put("path", "/contract/*");
        p.put("fileType", "text");
        p.put("fieldDelimiter", ",");
        p.put("column", List.of(Map.of("index", 0, "type", "long", "name", "id"),
                Map.of("index", 1, "type", "string", "name", "name")));
        return p;
    }

    /** A closed port on the loopback interface. */
    @Override
    protected Map<String, Object> unreachableParams() {
        return params("hdfs://127.0.0.1:9");
    }

    @Override
    protected List<Row> expectedRows(int parallelism) {
        return ROWS;
    }
}
