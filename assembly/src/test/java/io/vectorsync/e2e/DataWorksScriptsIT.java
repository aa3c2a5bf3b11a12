package io.vectorsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DataWorks' own scripts, and the reader-parity variants (MaxCompute with enableWhere/where, OSS Parquet with path
 * and parquetSchema), validate unchanged on the distribution, given a datasources file (validate opens no
 * connection).
 */
class DataWorksScriptsIT {
    private static final String MILVUS = "MILVUS_TOKEN=root:Milvus";
    private static final String ODPS = "ODPS_ACCESS_ID=id ODPS_ACCESS_KEY=key " + MILVUS;
    private static final String OSS = "OSS_ACCESS_KEY_ID=id OSS_ACCESS_KEY_SECRET=secret " + MILVUS;
    private static final String OSS_SCRIPT = "OSS_Data_Source_Name=my_oss Milvus_Data_Source_Name=Milvus_Source";

    /** {@code validate script --datasources ... -p} each of the space-separated {@code params}. */
    private static Distribution.Outcome validate(String script, String params) throws Exception {
        List<String> args = new ArrayList<>(List.of("validate", "examples/dataworks/" + script,
                "--datasources", "examples/dataworks/datasources.json"));
        for (String p : params.split(" ")) {
            args.add("-p");
            args.add(p);
        }
        return Distribution.cli(args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            odps-to-milvus.json         | ODPS | 3 steps, 2 stream(s)
            odps-where-to-milvus.json   | ODPS | 3 steps, 2 stream(s)
            oss-parquet-to-milvus.json  | OSS  | 3 steps, 2 stream(s)
            oss-to-milvus.json          | SCRIPT | 4 steps, 1 stream(s)
            """)
    void validates(String script, String credentials, String shape) throws Exception {
        String params = switch (credentials) {
            case "ODPS" -> ODPS;
            case "OSS" -> OSS;
            default -> OSS_SCRIPT + " Your_API_Key=sk-test " + OSS;
        };
        Distribution.Outcome o = validate(script, params);
        assertEquals(0, o.exitCode(), o.stderr() + o.stdout());
        assertTrue(o.stdout().contains("is valid: " + shape), o.stdout());
    }

    @Test
    void aMissingScriptParameterIsNamed() throws Exception {
        Distribution.Outcome o = validate("oss-to-milvus.json", OSS_SCRIPT + " " + OSS);
        assertEquals(2, o.exitCode());
        assertTrue(o.stderr().contains("${Your_API_Key}"), o.stderr());
    }
}
