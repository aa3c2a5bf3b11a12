package io.vectorsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The reader-parity variants of DataWorks' scripts (MaxCompute with enableWhere/where, OSS Parquet with path and
 * parquetSchema) validate on the distribution, given the datasources file (validate opens no connection).
 */
class DataWorksReaderParityIT {
    @Test
    void maxComputeWithWhereValidates() throws Exception {
        Distribution.Outcome o = Distribution.cli("validate", "examples/dataworks/odps-where-to-milvus.json",
                "--datasources", "examples/dataworks/datasources.json", "-p", "ODPS_ACCESS_ID=id",
                "-p", "ODPS_ACCESS_KEY=key", "-p", "MILVUS_TOKEN=root:Milvus");
        assertEquals(0, o.exitCode(), o.stderr() + o.stdout());
        assertTrue(o.stdout().contains("is valid: 3 steps, 2 stream(s)"), o.stdout());
    }

    @Test
    void ossParquetValidates() throws Exception {
        Distribution.Outcome o = Distribution.cli("validate", "examples/dataworks/oss-parquet-to-milvus.json",
                "--datasources", "examples/dataworks/datasources.json", "-p", "OSS_ACCESS_KEY_ID=id",
                "-p", "OSS_ACCESS_KEY_SECRET=secret", "-p", "MILVUS_TOKEN=root:Milvus");
        assertEquals(0, o.exitCode(), o.stderr() + o.stdout());
        assertTrue(o.stdout().contains("is valid: 3 steps, 2 stream(s)"), o.stdout());
    }
}
