package io.vectorsync.transformer.textsplitter;

import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.transform.TransformerFactory;
import io.vectorsync.testkit.contract.TransformerContract;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The transformer contract of the test kit, on text-splitter: one input becomes several chunks, or none. */
class TextSplitterContractTest extends TransformerContract {
    private static final Schema INPUT = Schema.builder().field("doc_id", DataType.STRING)
            .field("body", DataType.STRING).build();

    @Override
    protected TransformerFactory factory() {
        return new TextSplitterTransformerFactory();
    }

    @Override
    protected Map<String, Object> params() {
        return Map.of("sourceColumn", "body", "idColumn", "doc_id", "tokenizer", "all-MiniLM-L6-v2", "chunkSize", 40,
                "chunkOverlap", 5);
    }

    @Override
    protected Schema inputSchema() {
        return INPUT;
    }

    @Override
    protected List<Row> inputRows() {
        return Arrays.asList(Row.of(INPUT, "en.md", Texts.resource("docs/en.md")),
                Row.of(INPUT, "short", "A single short sentence."),
                Row.of(INPUT, "empty", ""),
                Row.of(INPUT, "null", null));
    }
}
