package io.vectorsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** DataWorks' own scripts validate unchanged, given a datasources file (validate opens no connection). */
class DataWorksScriptsIT {
    @Test
    void maxComputeToMilvusValidates() throws Exception {
        Distribution.Outcome o = Distribution.cli("validate", "examples/dataworks/odps-to-milvus.json",
                "--datasources", "examples/dataworks/datasources.json", "-p", "ODPS_ACCESS_ID=id",
                "-p", "ODPS_ACCESS_KEY=key", "-p", "MILVUS_TOKEN=root:Milvus");
        assertEquals(0, o.exitCode(), o.stderr() + o.stdout());
        assertTrue(o.stdout().contains("is valid: 3 steps, 2 stream(s)"), o.stdout());
    }

    @Test
    void ossToMilvusValidatesWithItsScriptParameters() throws Exception {
        Distribution.Outcome o = Distribution.cli("validate", "examples/dataworks/oss-to-milvus.json",
                "--datasources", "examples/dataworks/datasources.json", "-p", "OSS_Data_Source_Name=my_oss",
                "-p", "Milvus_Data_Source_Name=Milvus_Source", "-p", "Your_API_Key=sk-test", "-p", "OSS_ACCESS_KEY_ID=id",
                "-p", "OSS_ACCESS_KEY_SECRET=secret", "-p", "MILVUS_TOKEN=root:Milvus");
        assertEquals(0, o.exitCode(), o.stderr() + o.stdout());
        assertTrue(o.stdout().contains("is valid: 4 steps, 1 stream(s)"), o.stdout());
    }

    @Test
    void aMissingScriptParameterIsNamed() throws Exception {
        Distribution.Outcome o = Distribution.cli("validate", "examples/dataworks/oss-to-milvus.json",
                "--datasources", "examples/dataworks/datasources.json", "-p", "OSS_Data_Source_Name=my_oss",
                "-p", "Milvus_Data_Source_Name=Milvus_Source", "-p", "OSS_ACCESS_KEY_ID=id",
                "-p", "OSS_ACCESS_KEY_SECRET=secret", "-p", "MILVUS_TOKEN=root:Milvus");
        assertEquals(2, o.exitCode());
        assertTrue(o.stderr().contains("${Your_API_Key}"), o.stderr());
    }
}
