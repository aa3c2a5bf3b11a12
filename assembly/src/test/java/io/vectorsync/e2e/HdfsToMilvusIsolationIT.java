package io.vectorsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.core.runtime.JobResult;
import io.vectorsync.reader.hdfs.MiniHdfs;
import io.vectorsync.writer.milvus.FakeMilvusServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin isolation with real libraries: one JVM runs the HDFS reader (Hadoop's shaded client, ORC/Parquet,
 * protobuf-java 3.25.8), the in-process ONNX model (ONNX Runtime, DJL tokenizers) and the Milvus writer (the
 * Milvus SDK with its shaded gRPC, protobuf-java 3.25.5), each in its own class loader from the distribution.
 * Reads CSV from a real HDFS, embeds it, and checks the rows and vectors the Milvus wire fake received.
 */
class HdfsToMilvusIsolationIT {
    @TempDir
    Path dir;

    @Test
    void hdfsReaderOnnxModelAndMilvusWriterRunInOneJob() throws Exception {
        MiniHdfs hdfs = MiniHdfs.get();
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            csv.append(i).append(",sentence number ").append(i).append('\n');
        }
        hdfs.write("/data/docs/part-0.csv", csv.toString());
        try (FakeMilvusServer milvus = new FakeMilvusServer()) {
            String job = """
                    {"type":"job","version":"2.0","steps":[
                     {"stepType":"hdfs","category":"reader","name":"Reader","parameter":{
                       "defaultFS":"%s","path":"/data/docs/*.csv","fileType":"csv","fieldDelimiter":",",
                       "column":[{"index":0,"name":"id","type":"long"},{"index":1,"name":"text","type":"string"}]}},
                     {"stepType":"embedding-transformer","category":"flatmap","name":"embed","parameter":{
                       "modelProvider":"onnx","modelName":"all-MiniLM-L6-v2",
                       "embeddingColumns":{"sourceColumnNames":["text"],"embeddingColumnName":"vec"}}},
                     {"stepType":"milvus","category":"writer","name":"Writer","parameter":{
                       "endpoint":"%s","collection":"docs","schemaCreateMode":"createIfNotExist","writeMode":"upsert",
                       "column":[{"name":"id","type":"Int64","primaryKey":"true"},
                                 {"name":"text","type":"VarChar","maxLength":"256"},
                                 {"name":"vec","type":"FloatVector","dimension":"384"}]}}],
                     "setting":{"errorLimit":{"record":"0"},"speed":{"concurrent":1}}}
                    """.formatted(hdfs.uri(), milvus.uri());
            Path jobFile = dir.resolve("hdfs-milvus.json");
            Files.writeString(jobFile, job);
            JobResult r = Distribution.engine(dir.resolve("dirty.jsonl"), null, Map.of()).run(jobFile);
            assertTrue(r.succeeded(), r.error());
            assertEquals(50, r.recordsWritten());

            List<Map<String, Object>> rows = milvus.rows("docs");
            assertEquals(50, rows.size());
            Set<Object> ids = rows.stream().map(row -> row.get("id")).collect(Collectors.toSet());
            assertEquals(50, ids.size());
            for (Map<String, Object> row : rows) {
                assertEquals("sentence number " + row.get("id"), row.get("text"));
                float[] vec = (float[]) row.get("vec");
                assertEquals(384, vec.length);
                double norm = 0;
                for (float v : vec) {
                    norm += v * v;
                }
                assertEquals(1.0, Math.sqrt(norm), 1e-3);
            }
        }
    }
}
