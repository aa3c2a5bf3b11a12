package io.vectorsync.writer.searchcommon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.vectorsync.api.record.DataType;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.testkit.contract.WriterContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test kit's writer contract on a search writer against its module's real node: a new index per test, the
 * id column as {@code _id}. Documents already bulk-indexed stay after an abort (README, "What a failed or cancelled
 * run leaves"), so an aborted run leaves some of what it wrote.
 */
public abstract class SearchWriterContract extends WriterContract {
    private static final AtomicInteger INDICES = new AtomicInteger();
    private final SearchProduct product;
    private String index;

    protected SearchWriterContract(SearchProduct product) {
        this.product = product;
    }

    @Override
    protected WriterFactory factory() {
        return product.factory().get();
    }

    @Override
    protected Map<String, Object> params() {
        index = "contract-" + INDICES.incrementAndGet();
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", product.url().get());
        p.put("index", index);
        p.put("column", List.of(Map.of("name", "id", "type", "id"), Map.of("name", "text", "type", "text")));
        p.put("settings", Map.of("number_of_shards", 1, "number_of_replicas", 0));
        return p;
    }

    @Override
    protected List<String> readTarget() throws Exception {
        SearchTestClient client = product.client();
        if (client.status("HEAD", "/" + index) == 404) {
            return List.of();
        }
        client.send("POST", "/" + index + "/_refresh", null);
        JsonNode hits = client.send("POST", "/" + index + "/_search",
                Map.of("size", 1000, "_source", false)).path("hits").path("hits");
        List<String> ids = new ArrayList<>();
        hits.forEach(h -> ids.add(h.get("_id").asText()));
        return ids;
    }

    @Override
    protected AbortOutcome abortLeaves() {
        return AbortOutcome.SOME_OF_THE_WRITTEN;
    }

    @Override
    protected BindMismatch bindMismatch() {
        return new BindMismatch(Schema.builder().field("id", DataType.INT64).build(), "text");
    }
}
