package com.example.vectorsync.jsonpost;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.testkit.contract.WriterContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The test kit's writer contract, run on this plugin: a plugin author writes only the fixture below (what a target
 * is, how to read it back, what an aborted run leaves) and gets the lifecycle checks of the core's contract. The
 * rows are the suite's default (id, text) pairs.
 */
class HttpJsonlWriterContractTest extends WriterContract {
    private static final ObjectMapper MAPPER = new ObjectMapper();
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
        return Map.of("url", receiver.url(), "column", List.of("id", "text"));
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
        return new BindMismatch(Schema.builder().field("id", DataType.INT64).build(), "text");
    }
}
