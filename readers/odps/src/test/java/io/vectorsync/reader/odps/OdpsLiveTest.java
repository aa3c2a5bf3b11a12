package io.vectorsync.reader.odps;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.testkit.PluginHarness;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Reads a real table: ODPS_TABLE (default "test_tb"), optional ODPS_PARTITION and ODPS_COLUMN. */
@EnabledIfEnvironmentVariable(named = "ODPS_ACCESS_KEY", matches = ".+")
class OdpsLiveTest {
    @Test
    void readsARealTable() throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("endpoint", System.getenv("ODPS_ENDPOINT"));
        p.put("project", System.getenv("ODPS_PROJECT"));
        p.put("accessId", System.getenv("ODPS_ACCESS_ID"));
        p.put("accessKey", System.getenv("ODPS_ACCESS_KEY"));
        p.put("table", System.getenv().getOrDefault("ODPS_TABLE", "test_tb"));
        if (System.getenv("ODPS_PARTITION") != null) {
            p.put("partition", List.of(System.getenv("ODPS_PARTITION")));
        }
        p.put("column", List.of(System.getenv().getOrDefault("ODPS_COLUMN", "*")));
        PluginHarness.ReadResult r = PluginHarness.read(new OdpsReaderFactory(), p, 2);
        System.out.println("read " + r.records().size() + " records; first: "
                + (r.records().isEmpty() ? "-" : r.records().get(0)));
        assertTrue(r.context().dirty().isEmpty(), r.context().dirty().toString());
    }
}
