package io.vectorsync.writer.milvus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.response.QueryResp;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Against a real Milvus: set MILVUS_URI (and MILVUS_TOKEN); skipped otherwise. Creates and drops its collection. */
@EnabledIfEnvironmentVariable(named = "MILVUS_URI", matches = ".+")
class MilvusLiveTest {
    @Test
    void createsWritesAndCountsRows() throws Exception {
        String uri = System.getenv("MILVUS_URI");
        String token = System.getenv("MILVUS_TOKEN");
        String collection = "vectorsync_live_" + System.currentTimeMillis();
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("endpoint", uri);
        p.put("collection", collection);
        p.put("schemaCreateMode", "createIfNotExist");
        p.put("writeMode", "upsert");
        p.put("column", List.of(
                Map.of("name", "id", "type", "Int64", "primaryKey", "true", "elementType", "None"),
                Map.of("name", "sentence", "type", "VarChar", "elementType", "None", "maxLength", "32"),
                Map.of("name", "sentence_e", "type", "FloatVector", "dimension", "4", "elementType", "None")));
        if (token != null && !token.isEmpty()) {
            p.put("token", token);
        } else {
            p.remove("token");
        }
        Schema s = MilvusWriterTest.schema(4);
        List<Row> recs = MilvusWriterTest.records(s, 20, 4);
        PluginHarness.write(new MilvusWriterFactory(), p, s, recs, 8, new TestPluginContext("Writer"));
        ConnectConfig.ConnectConfigBuilder b = ConnectConfig.builder().uri(uri);
        if (token != null && !token.isEmpty()) {
            b.token(token);
        }
        MilvusClientV2 client = new MilvusClientV2(b.build());
        try {
            QueryResp resp = client.query(QueryReq.builder().collectionName(collection).filter("id >= 0")
                    .outputFields(List.of("count(*)")).consistencyLevel(io.milvus.v2.common.ConsistencyLevel.STRONG).build());
            assertEquals(20L, ((Number) resp.getQueryResults().get(0).getEntity().get("count(*)")).longValue());
        } finally {
            client.dropCollection(DropCollectionReq.builder().collectionName(collection).build());
            client.close();
        }
    }
}
