package io.vectorsync.reader.localfile;

import io.vectorsync.api.reader.ReaderFactory;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.testkit.contract.ReaderContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader contract of the test kit, on the localfile reader: three CSV files, one of them (with quoted line
 * breaks) larger than {@code splitSize}, so that it is cut into byte ranges whose records must not be lost or
 * read twice at a range boundary.
 */
class LocalFileReaderContractTest extends ReaderContract {
    private static final Schema SCHEMA = Schema.builder().field("id", DataType.INT64).field("name", DataType.STRING)
            .build();
    private static final List<Row> ROWS = new ArrayList<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeFiles() throws IOException {
        int id = 0;
        for (int file = 0; file < 3; file++) {
            StringBuilder csv = new StringBuilder();
            int lines = file == 0 ? 120 : 4;
            for (int i = 0; i < lines; i++, id++) {
                String name = id % 7 == 0 ? "multi\nline, \"quoted\" " + id : "name " + id;
                csv.append(id).append(",\"").append(name.replace("\"", "\"\"")).append("\"\n");
                ROWS.add(Row.of(SCHEMA, (long) id, name));
            }
            Files.writeString(dir.resolve("part-" + file + ".csv"), csv);
        }
    }

    @Override
    protected ReaderFactory factory() {
        return new LocalFileReaderFactory();
    }

    @Override
    protected Map<String, Object> params() {
        return Map.of("path", List.of(dir.resolve("*.csv").toString()), "fileFormat", "csv", "splitSize", 256,
                "column", List.of(Map.of("index", 0, "type", "long", "name", "id"),
                        Map.of("index", 1, "type", "string", "name", "name")));
    }

    /** A directory that does not exist: schema and codec must not look at the files. */
    @Override
    protected Map<String, Object> unreachableParams() {
        Map<String, Object> p = new java.util.HashMap<>(params());
        p.put("path", List.of(dir.resolve("missing/*.csv").toString()));
        return p;
    }

    @Override
    protected List<Row> expectedRows(int parallelism) {
        return ROWS;
    }
}
