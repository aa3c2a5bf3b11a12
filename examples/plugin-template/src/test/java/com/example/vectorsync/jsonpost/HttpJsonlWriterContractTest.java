package com.example.vectorsync.jsonpost;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.testkit.contract.WriterContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The test kit's writer contract, run on this plugin: a plugin author writes only the fixture below (what a target
 * is, how to read it back, what an aborted run leaves) and gets the lifecycle checks of the core's contract.
 */
class HttpJsonlWriterContractTest extends WriterContract {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Schema SCHEMA = Schema.builder().field("id", DataType.INT64).field("text", DataType.STRING)
            .field("vec", DataType.floatVector(3)).build();
    private static Receiver receiver;

    @BeforeAll
    static void start() throws IOException {
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Override
    protected WriterFactory factory() {
        return new HttpJsonlWriterFactory();
    }

    /** One receiver for the class; each test starts with it empty. */
    @Override
    protected Map<String, Object> params() {
        receiver.clear();
        return Map.of("url", receiver.url(), "column", List.of("id", "text", "vec"));
    }

    @Override
    protected Schema schema() {
        return SCHEMA;
    }

    @Override
    protected List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (long i = 0; i < 10; i++) {
            rows.add(Row.of(SCHEMA, i, "text " + i, new float[] {i, 0.5f, -1f}));
        }
        return rows;
    }

    @Override
    protected String keyOf(Row row) {
        return row.get("id").toString();
    }

    @Override
    protected List<String> readTarget() {
        return receiver.lines().stream().map(line -> {
            try {
                return MAPPER.readTree(line).get("id").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    /** Batches are sent as they are written; the README says a failed run leaves what was sent. */
    @Override
    protected AbortOutcome abortLeaves() {
        return AbortOutcome.SOME_OF_THE_WRITTEN;
    }

    @Override
    protected BindMismatch bindMismatch() {
        return new BindMismatch(Schema.builder().field("id", DataType.INT64).field("vec", DataType.floatVector(3))
                .build(), "text");
    }
}
