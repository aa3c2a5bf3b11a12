package io.vectorsync.reader.oss;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vectorsync.testkit.PluginHarness;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Reads real objects: OSS_OBJECT (default "*.jsonl") from OSS_BUCKET as jsonl lines. */
@EnabledIfEnvironmentVariable(named = "OSS_ACCESS_KEY_SECRET", matches = ".+")
class OssLiveTest {
    @Test
    void readsRealObjects() throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", System.getenv("OSS_ENDPOINT"));
        p.put("bucket", System.getenv("OSS_BUCKET"));
        p.put("accessId", System.getenv("OSS_ACCESS_KEY_ID"));
        p.put("accessKey", System.getenv("OSS_ACCESS_KEY_SECRET"));
        p.put("fileFormat", "jsonl");
        p.put("object", List.of(System.getenv().getOrDefault("OSS_OBJECT", "*.jsonl")));
        PluginHarness.ReadResult r = PluginHarness.read(new OssReaderFactory(), p, 2);
        System.out.println("read " + r.records().size() + " lines from " + r.splits().size() + " splits");
        assertFalse(r.splits().isEmpty());
    }
}
