package io.vectorsync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Credentials in a writer's endpoint URL, on the real distribution: the Elasticsearch writer cannot reach
 * {@code http://elastic:PASSWORD@127.0.0.1:PORT} (its client reports an unknown host {@code elastic:PASSWORD@127.0.0.1},
 * without the URL around it), and the password appears neither in what the user sees (stderr: logs, error,
 * summary) nor in what is kept (the report).
 */
class SecretsIT {
    private static final String PASSWORD = "Es-pa55word-9f2c";

    @Test
    void anUnreachableEndpointWithCredentialsFailsWithoutShowingThem() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        Path dir = Files.createTempDirectory("secrets-it");
        Path job = dir.resolve("unreachable.json");
        Files.writeString(job, ("{'type':'job','version':'2.0','steps':["
                + "{'stepType':'stream','category':'reader','name':'Reader','parameter':{'sliceRecordCount':5,"
                + "'column':[{'name':'id','type':'string','value':'a'}]}},"
                + "{'stepType':'elasticsearch','category':'writer','name':'Writer','parameter':{"
                + "'endpoint':'http://elastic:" + PASSWORD + "@127.0.0.1:" + port + "',"
                + "'index':'docs','column':[{'name':'id','type':'id'}]}}],"
                + "'setting':{'errorLimit':{'record':0}}}").replace('\'', '"'));
        Path report = dir.resolve("report.json");
        Distribution.Outcome o = Distribution.cli("run", job.toString(), "--report", report.toString(),
                "--progress-interval", "0", "--dirty-file", dir.resolve("dirty.jsonl").toString());
        assertEquals(1, o.exitCode(), o.stderr());
        assertTrue(o.stderr().contains("elastic:******@127.0.0.1:" + port), o.stderr());
        String reportText = Files.readString(report);
        JsonNode r = new ObjectMapper().readTree(reportText);
        assertEquals("FAILED", r.get("status").asText(), reportText);
        assertTrue(r.get("error").asText().contains("elastic:******@127.0.0.1:" + port), reportText);
        for (String text : new String[] {o.stdout(), o.stderr(), reportText}) {
            assertFalse(text.contains(PASSWORD), text);
        }
    }
}
