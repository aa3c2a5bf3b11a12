package io.vectorsync.writer.stream;

import io.vectorsync.api.record.Row;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.testkit.contract.WriterContract;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The writer contract of the test kit, on the stream writer: its "target" is standard output, captured here.
 * A batch is printed when written (nothing to abort), and printing twice stores nothing.
 */
class StreamWriterContractTest extends WriterContract {
    @RegisterExtension
    final CapturedStdout captured = new CapturedStdout();

    @Override
    protected WriterFactory factory() {
        return new StreamWriterFactory();
    }

    @Override
    protected Map<String, Object> params() {
        captured.reset();
        return Map.of("print", true, "fieldDelimiter", "|");
    }

    @Override
    protected String keyOf(Row row) {
        return row.get("id") + "|" + row.get("text");
    }

    @Override
    protected List<String> readTarget() {
        String text = captured.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    /** Printed lines cannot be taken back: an aborted run leaves what it printed. */
    @Override
    protected AbortOutcome abortLeaves() {
        return AbortOutcome.SOME_OF_THE_WRITTEN;
    }

    @Override
    protected boolean targetKeepsRecords() {
        return false;
    }
}
