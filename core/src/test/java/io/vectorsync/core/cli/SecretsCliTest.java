package io.vectorsync.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.core.Jobs;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Credentials never reach what a user sees or keeps: error messages, the summary, the report, dirty lines, previews. */
class SecretsCliTest extends CliTestBase {
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void credentialsInAnEndpointThatCannotBeReachedAreMaskedInTheErrorAndTheReport() throws Exception {
        String endpoint = "http://ingest:Pa55-w0rd@127.0.0.1:" + closedPort() + "/bulk?access_token=tok-123456";
        Path job = Jobs.write(dir, "unreachable", "{'type':'job','version':'2.0','steps':["
                + "{'stepType':'gen','category':'reader','name':'Reader','parameter':{'count':5}},"
                + "{'stepType':'http-sink','category':'writer','name':'Writer','parameter':{'endpoint':'" + endpoint + "'}}]}");
        Path report = dir.resolve("report.json");
        Outcome o = cli("run", job.toString(), "--progress-interval", "0", "--report", report.toString(),
                "--dirty-file", dir.resolve("d.jsonl").toString());
        assertEquals(1, o.code(), o.err());
        assertTrue(o.err().contains("cannot connect to the sink at http://ingest:******@127.0.0.1:"), o.err());
        assertTrue(o.err().contains("/bulk?access_token=******"), o.err());
        String reportText = Files.readString(report);
        JsonNode r = new ObjectMapper().readTree(reportText);
        assertEquals("FAILED", r.get("status").asText(), reportText);
        assertTrue(reportText.contains("http://ingest:******@127.0.0.1:"), reportText);
        for (String text : new String[] {o.err(), o.out(), reportText}) {
            assertFalse(text.contains("Pa55-w0rd"), text);
            assertFalse(text.contains("tok-123456"), text);
        }
    }

    @Test
    void credentialsInRecordsAreMaskedInDirtyLinesAndPreviews() throws Exception {
        String value = "REJECT see https://bot:hunter22@git.example.com/repo.git?private_token=glpat-99887766&token=abcdef123";
        Path job = Jobs.write(dir, "dirty", Jobs.job("'count':6,'markEvery':3,'mark':'" + value + "'", "",
                "'sink':'secrets-dirty','rejectColumn':'text','password':'declared-secret'", "'errorLimit':{'record':5}"));
        Path dirty = dir.resolve("dirty.jsonl");
        Outcome run = cli("run", job.toString(), "--progress-interval", "0", "--dirty-file", dirty.toString());
        assertEquals(0, run.code(), run.err());
        String lines = Files.readString(dirty);
        assertEquals(2, lines.lines().count(), lines);
        assertTrue(lines.contains("https://bot:******@git.example.com/repo.git?private_token=******&token=******"), lines);
        assertFalse(lines.contains("hunter22") || lines.contains("glpat-") || lines.contains("abcdef123") || lines.contains("declared-secret"), lines);
        assertTrue(lines.contains("(auth ******)"), lines);

        Outcome preview = cli("preview", job.toString(), "--limit", "3");
        assertEquals(0, preview.code(), preview.err());
        assertTrue(preview.out().contains("https://bot:******@git.example.com"), preview.out());
        assertFalse(preview.out().contains("hunter22") || preview.out().contains("abcdef123"), preview.out());
    }
}
