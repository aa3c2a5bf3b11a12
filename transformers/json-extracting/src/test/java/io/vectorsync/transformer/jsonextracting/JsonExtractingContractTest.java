package io.vectorsync.transformer.jsonextracting;

import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.transform.TransformerFactory;
import io.vectorsync.testkit.contract.TransformerContract;
import java.util.List;
import java.util.Map;

/** The transformer contract of the test kit, on json-extracting, with rows that convert and rows that go dirty. */
class JsonExtractingContractTest extends TransformerContract {
    private static final Schema INPUT = Schema.builder().field("id", DataType.INT64).field("doc", DataType.STRING)
            .build();

    @Override
    protected TransformerFactory factory() {
        return new JsonExtractingTransformerFactory();
    }

    @Override
    protected Map<String, Object> params() {
        return Map.of("column", List.of(
                Map.of("name", "title", "fromColumn", "doc", "jsonPath", "$.title", "nullOrInvalidDataAction", "NULL"),
                Map.of("name", "page", "fromColumn", "doc", "jsonPath", "$.page", "type", "LONG",
                        "nullOrInvalidDataAction", "DIRTY_DATA")));
    }

    @Override
    protected Schema inputSchema() {
        return INPUT;
    }

    @Override
    protected List<Row> inputRows() {
        return List.of(Row.of(INPUT, 1L, "{\"title\": \"one\", \"page\": 1}"),
                Row.of(INPUT, 2L, "{\"title\": \"two\", \"page\": \"not a number\"}"),
                Row.of(INPUT, 3L, "{\"page\": 3}"),
                Row.of(INPUT, 4L, "not json"),
                Row.of(INPUT, 5L, "{\"title\": \"five\", \"page\": 5}"));
    }
}
