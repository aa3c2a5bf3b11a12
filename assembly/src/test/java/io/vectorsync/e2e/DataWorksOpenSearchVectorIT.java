package io.vectorsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A DataWorks script writing to OpenSearch Vector Search Edition with {@code "stepType": "opensearch"}: its
 * datasource's type sends the step to the opensearch-vector writer, whose parameters then validate.
 */
class DataWorksOpenSearchVectorIT {
    @Test
    void maxComputeToOpenSearchVectorEditionValidates() throws Exception {
        Distribution.Outcome o = Distribution.cli("validate", "examples/dataworks/odps-to-opensearch-vector.json",
                "--datasources", "examples/dataworks/datasources.json", "-p", "ODPS_ACCESS_ID=id",
                "-p", "ODPS_ACCESS_KEY=key", "-p", "Your_API_Key=sk-test", "-p", "HA3_USERNAME=user",
                "-p", "HA3_PASSWORD=secret");
        assertEquals(0, o.exitCode(), o.stderr() + o.stdout());
        assertTrue(o.stdout().contains("is valid: 3 steps, 2 stream(s)"), o.stdout());
    }
}
