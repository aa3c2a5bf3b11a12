package io.vectorsync.core.flink;

import java.nio.file.Path;

/**
 * The localfile -> onnx embedding -> localfile job of the benchmark and the session-cluster test, without the
 * persistent vector cache: every run embeds every text, so runs compare engines, not cache hits.
 */
final class OnnxJobs {
    private OnnxJobs() {
    }

    static String job(Path in, Path out, int concurrent) {
        return """
                {"type": "job", "version": "2.0",
                 "steps": [
                  {"stepType": "localfile", "category": "reader", "name": "Reader",
                   "parameter": {"path": ["%s/*.csv"], "fileFormat": "csv", "fieldDelimiter": ",",
                     "column": [{"index": 0, "name": "sentence", "type": "string"}]}},
                  {"stepType": "embedding-transformer", "category": "flatmap", "name": "embed",
                   "parameter": {"modelProvider": "onnx", "modelName": "all-MiniLM-L6-v2",
                     "embeddingColumns": {"sourceColumnNames": ["sentence"], "embeddingColumnName": "vector"},
                     "dimension": 384, "batchSize": 32, "persistentCache": {"enabled": false}}},
                  {"stepType": "localfile", "category": "writer", "name": "Writer",
                   "parameter": {"path": "%s", "fileName": "vectors", "fileFormat": "jsonl", "writeMode": "truncate"}}],
                 "setting": {"errorLimit": {"record": "0"}, "speed": {"concurrent": %d}}}
                """.formatted(in, out, concurrent);
    }
}
