package io.vectorsync.core.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every /api endpoint on a real console with the real localfile, embedding and onnx plugins, good and bad input. */
class ConsoleApiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static ConsoleFixture console;

    @BeforeAll
    static void start() throws Exception {
        console = new ConsoleFixture("127.0.0.1");
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    private static JsonNode body(HttpResponse<String> r) throws Exception {
        return MAPPER.readTree(r.body());
    }

    @Test
    void catalogListsInstalledPluginsByKind() throws Exception {
        HttpResponse<String> r = console.get("/api/plugins");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode p = body(r);
        assertEquals("localfile", p.get("readers").get(0).get("name").asText());
        assertEquals("embedding-transformer", p.get("transformers").get(0).get("name").asText());
        assertEquals("onnx", p.get("models").get(0).get("name").asText());
        assertTrue(p.get("writers").findValuesAsText("name").containsAll(List.of("localfile", "columns-probe")), r.body());
    }

    @Test
    void describeGivesEveryOptionWithTypeDefaultEnumAndSecrecy() throws Exception {
        JsonNode reader = body(console.get("/api/plugins/reader/localfile"));
        JsonNode path = option(reader, "path");
        assertEquals("STRING_LIST", path.get("type").asText());
        assertTrue(path.get("required").asBoolean());
        JsonNode format = option(reader, "fileFormat");
        assertEquals("csv", format.get("default").asText());
        assertEquals(List.of("csv", "text", "jsonl", "binary"), MAPPER.convertValue(format.get("enum"), List.class));
        assertEquals(List.of("*"), MAPPER.convertValue(option(reader, "column").get("default"), List.class));

        JsonNode embedding = body(console.get("/api/plugins/transformers/embedding-transformer"));
        assertEquals("modelProvider", embedding.get("modelProviderOption").asText());
        assertTrue(option(embedding, "apiKey").get("secret").asBoolean());
        assertEquals(10, option(embedding, "batchSize").get("default").asInt());
    }

    @Test
    void typedListsCarryTheirElementOptionsAndShorthand() throws Exception {
        JsonNode column = option(body(console.get("/api/plugins/writer/columns-probe")), "column");
        assertEquals("OBJECT_LIST", column.get("type").asText());
        assertEquals("name", column.get("shorthandKey").asText());
        assertEquals("name", column.get("element").get(0).get("key").asText());
        assertTrue(column.get("element").get(0).get("required").asBoolean());
        assertEquals(List.of("string", "long", "double", "float_vector"),
                MAPPER.convertValue(column.get("element").get(1).get("enum"), List.class));
    }

    @Test
    void unknownPluginOrKindIs404NamingWhatIsInstalled() throws Exception {
        HttpResponse<String> r = console.get("/api/plugins/writer/nosuch");
        assertEquals(404, r.statusCode());
        assertTrue(body(r).get("error").asText().contains("installed: [columns-probe, localfile]"), r.body());
        assertEquals(404, console.get("/api/plugins/gadget/localfile").statusCode());
    }

    @Test
    void validateAnswersTheSchemaOfEveryStep() throws Exception {
        HttpResponse<String> r = console.json("POST", "/api/validate?name=quickstart", ConsoleFixture.quickstartJob());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode v = body(r);
        assertTrue(v.get("valid").asBoolean());
        JsonNode writerFields = v.get("steps").get(2).get("fields");
        assertEquals("sentence_vector", writerFields.get(3).get("name").asText());
        assertEquals("float_vector(384)", writerFields.get(3).get("type").asText());
    }

    @Test
    void invalidJobGetsTheCliMessagesWithTheirJsonPaths() throws Exception {
        ObjectNode job = (ObjectNode) MAPPER.readTree(ConsoleFixture.quickstartJob());
        ((ObjectNode) job.get("steps").get(1).get("parameter")).put("batchSize", -1);
        ((ObjectNode) job.get("steps").get(2).get("parameter")).remove("writeMode");
        HttpResponse<String> r = console.json("POST", "/api/validate", job.toString());
        assertEquals(422, r.statusCode(), r.body());
        JsonNode v = body(r);
        assertFalse(v.get("valid").asBoolean());
        assertTrue(hasIssue(v, "$.steps[1].parameter.batchSize", "must be positive"), r.body());
        assertTrue(hasIssue(v, "$.steps[2].parameter.writeMode", "required"), r.body());

        HttpResponse<String> malformed = console.json("POST", "/api/validate", "{\"steps\": [");
        assertEquals(422, malformed.statusCode());
        assertTrue(body(malformed).get("issues").get(0).get("message").asText().contains("malformed JSON"), malformed.body());
    }

    @Test
    void previewShowsVectorsShortenedWithDimensionAndNormAndWritesNothing() throws Exception {
        ObjectNode job = (ObjectNode) MAPPER.readTree(ConsoleFixture.quickstartJob());
        ((ObjectNode) job.get("steps").get(2).get("parameter")).put("path", "preview-output");
        HttpResponse<String> r = console.json("POST", "/api/preview?name=quickstart&limit=3", job.toString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode p = body(r);
        assertEquals("SUCCEEDED", p.get("status").asText());
        assertEquals(3, p.get("records").size());
        JsonNode first = p.get("records").get(0);
        assertEquals("A man with a hard hat is dancing.", first.get("sentence").asText());
        JsonNode vector = first.get("sentence_vector");
        assertEquals(384, vector.get("dimension").asInt());
        assertEquals(1.0, vector.get("norm").asDouble(), 1e-3, "all-MiniLM-L6-v2 vectors are L2-normalized");
        assertEquals(6, vector.get("head").size(), "the vector is shortened, not sent whole");
        assertFalse(Files.exists(console.workDir.resolve("preview-output")), "a preview writes nothing");
        JsonNode estimate = p.get("estimate");
        assertEquals(200, estimate.get("records").asLong(), "the estimate counts the whole input: " + estimate);
        assertEquals(200, estimate.get("texts").asLong(), estimate.toString());
        assertEquals(200, estimate.get("distinctTexts").asLong(), estimate.toString());
        // texts an earlier test already embedded come from the persistent cache and cost no model call
        assertEquals(estimate.get("cachedTexts").asLong() == 200, estimate.get("modelCalls").asLong() == 0, estimate.toString());
        assertEquals(400, console.json("POST", "/api/preview?limit=zero", ConsoleFixture.quickstartJob()).statusCode());
    }

    @Test
    void runExecutesTheCliInItsOwnProcessAndReportsCountsAndEvents() throws Exception {
        HttpResponse<String> started = console.json("POST", "/api/runs?name=quickstart", ConsoleFixture.quickstartJob());
        assertEquals(200, started.statusCode(), started.body());
        String id = body(started).get("id").asText();
        JsonNode first = body(console.get("/api/runs/" + id));
        assertEquals(id, first.get("id").asText());

        // the event stream replays the whole run and ends with the final state
        HttpResponse<String> events = console.get("/api/runs/" + id + "/events", "Accept", "text/event-stream");
        assertEquals(200, events.statusCode());
        assertTrue(events.body().contains("event: log"), events.body());
        assertTrue(events.body().contains("event: end\ndata: {"), events.body());

        JsonNode run = body(console.get("/api/runs/" + id));
        assertEquals("SUCCEEDED", run.get("status").asText(), run.toString());
        assertEquals(200, run.get("recordsRead").asLong());
        assertEquals(200, run.get("recordsWritten").asLong());
        assertEquals(0, run.get("dirtyRecords").asLong());
        assertEquals(3, run.get("steps").size());
        List<String> lines = Files.readAllLines(console.workDir.resolve("target/quickstart-output/sentences-0.jsonl"));
        assertEquals(200, lines.size());
        assertTrue(Files.exists(console.workDir.resolve("runs/" + id + "/report.json")));
        assertTrue(console.get("/api/runs/" + id + "/log").body().contains("Job quickstart SUCCEEDED"));
        assertEquals(0, body(console.get("/api/runs/" + id + "/dirty")).size());

        JsonNode history = body(console.get("/api/runs"));
        assertTrue(history.findValuesAsText("id").contains(id), history.toString());
        assertEquals(406, console.get("/api/runs/" + id + "/events").statusCode(), "an SSE stream needs Accept: text/event-stream");
    }

    @Test
    void dirtyRecordsOfARunAreViewable() throws Exception {
        Files.writeString(console.workDir.resolve("examples/data/scores.csv"), "good,1.5\nbad,not-a-number\nfine,2\n");
        String job = """
                {"type": "job", "version": "2.0", "steps": [
                  {"stepType": "localfile", "category": "reader", "name": "Reader", "parameter": {
                    "path": ["examples/data/scores.csv"], "fileFormat": "csv",
                    "column": [{"index": 0, "name": "label", "type": "string"}, {"index": 1, "name": "score", "type": "double"}]}},
                  {"stepType": "localfile", "category": "writer", "name": "Writer", "parameter": {
                    "path": "scores-output", "fileName": "scores", "writeMode": "truncate"}}],
                 "setting": {"errorLimit": {"record": "5"}, "speed": {"concurrent": 1}}}
                """;
        String id = body(console.json("POST", "/api/runs?name=scores", job)).get("id").asText();
        console.get("/api/runs/" + id + "/events", "Accept", "text/event-stream"); // returns when the run ends
        JsonNode run = body(console.get("/api/runs/" + id));
        assertEquals("SUCCEEDED", run.get("status").asText(), run.toString());
        assertEquals(2, run.get("recordsWritten").asLong());
        assertEquals(1, run.get("dirtyRecords").asLong());
        JsonNode dirty = body(console.get("/api/runs/" + id + "/dirty"));
        assertEquals(1, dirty.size(), dirty.toString());
        assertTrue(dirty.get(0).toString().contains("not-a-number"), dirty.toString());
    }

    @Test
    void cancelStopsTheRunsProcessAndTheRunEndsCancelled() throws Exception {
        ObjectNode job = (ObjectNode) MAPPER.readTree(ConsoleFixture.quickstartJob());
        ((ObjectNode) job.get("steps").get(2).get("parameter")).put("path", "cancelled-output");
        String id = body(console.json("POST", "/api/runs?name=cancelled", job.toString())).get("id").asText();
        HttpResponse<String> cancel = console.json("POST", "/api/runs/" + id + "/cancel", "{}");
        assertEquals(200, cancel.statusCode(), cancel.body());
        assertTrue(body(cancel).get("cancelled").asBoolean());
        HttpResponse<String> events = console.get("/api/runs/" + id + "/events", "Accept", "text/event-stream");
        assertTrue(events.body().contains("\"status\":\"CANCELLED\""), events.body());
        assertEquals("CANCELLED", body(console.get("/api/runs/" + id)).get("status").asText());
        assertFalse(body(console.json("POST", "/api/runs/" + id + "/cancel", "{}")).get("cancelled").asBoolean(),
                "an ended run cannot be cancelled again");
    }

    @Test
    void invalidJobIsNotStartedAndUnknownRunIs404() throws Exception {
        int before = body(console.get("/api/runs")).size();
        HttpResponse<String> r = console.json("POST", "/api/runs", "{\"type\":\"job\",\"version\":\"2.0\",\"steps\":[]}");
        assertEquals(422, r.statusCode(), r.body());
        assertEquals(before, body(console.get("/api/runs")).size());
        assertEquals(404, console.get("/api/runs/20990101-000000-beef").statusCode());
        assertEquals(404, console.get("/api/runs/nosuch/events", "Accept", "text/event-stream").statusCode());
    }

    @Test
    void datasourceSecretsAreNeverSentBackAndKeptWhenResaved() throws Exception {
        String entry = "{\"type\":\"localfile\",\"endpoint\":\"http://db:1\",\"password\":\"pa55-w0rd-xyz\"}";
        HttpResponse<String> put = console.json("PUT", "/api/datasources/warehouse", entry);
        assertEquals(200, put.statusCode(), put.body());
        assertFalse(put.body().contains("pa55-w0rd-xyz"), put.body());
        HttpResponse<String> list = console.get("/api/datasources");
        assertFalse(list.body().contains("pa55-w0rd-xyz"), list.body());
        assertEquals("******", body(list).get(0).get("entry").get("password").asText());

        console.json("PUT", "/api/datasources/warehouse", "{\"type\":\"localfile\",\"endpoint\":\"http://db:2\",\"password\":\"******\"}");
        JsonNode onDisk = MAPPER.readTree(console.workDir.resolve("conf/datasources.json").toFile());
        assertEquals("pa55-w0rd-xyz", onDisk.get("warehouse").get("password").asText(), "the masked value kept the saved one");
        assertEquals("http://db:2", onDisk.get("warehouse").get("endpoint").asText());
        assertEquals(400, console.json("PUT", "/api/datasources/warehouse", "{\"endpoint\":\"x\"}").statusCode(), "type is required");
        assertEquals(200, console.send("DELETE", "/api/datasources/warehouse", "").statusCode());
        assertEquals(0, body(console.get("/api/datasources")).size());
    }

    @Test
    void savedJobsMaskSecretParametersAndKeepThemOnResave() throws Exception {
        ObjectNode job = (ObjectNode) MAPPER.readTree(ConsoleFixture.quickstartJob());
        ((ObjectNode) job.get("steps").get(1).get("parameter")).put("apiKey", "sk-console-test-123");
        assertEquals(200, console.json("PUT", "/api/jobs/with-key", job.toString()).statusCode());
        HttpResponse<String> back = console.get("/api/jobs/with-key");
        assertFalse(back.body().contains("sk-console-test-123"), back.body());
        assertEquals("******", body(back).get("steps").get(1).get("parameter").get("apiKey").asText());
        assertEquals(200, console.json("PUT", "/api/jobs/with-key", back.body()).statusCode());
        String onDisk = Files.readString(console.workDir.resolve("jobs/with-key.json"));
        assertTrue(onDisk.contains("sk-console-test-123"), "resaving the masked job keeps the key");
        assertTrue(body(console.get("/api/jobs")).toString().contains("with-key"));
        assertEquals(404, console.get("/api/jobs/never-saved").statusCode());
    }

    @Test
    void noEndpointReachesFilesOutsideTheWorkDirectory() throws Exception {
        Path outside = Files.createTempFile("outside-workdir", ".csv");
        Files.writeString(outside, "secret,row\n");
        ObjectNode job = (ObjectNode) MAPPER.readTree(ConsoleFixture.quickstartJob());
        ((ObjectNode) job.get("steps").get(0).get("parameter")).putArray("path").add(outside.toString());
        ((ObjectNode) job.get("steps").get(2).get("parameter")).put("path", "../../escaped");
        for (String endpoint : List.of("/api/validate", "/api/preview", "/api/runs")) {
            HttpResponse<String> r = console.json("POST", endpoint, job.toString());
            assertEquals(422, r.statusCode(), endpoint + ": " + r.body());
            assertTrue(hasIssue(body(r), "$.steps[0].parameter.path[0]", "outside the console's work directory"), r.body());
            assertTrue(hasIssue(body(r), "$.steps[2].parameter.path", "outside the console's work directory"), r.body());
        }
        assertEquals(400, console.get("/api/jobs/..").statusCode());
        assertEquals(400, console.get("/api/jobs/..%2F..%2Fetc%2Fpasswd").statusCode());
        assertEquals(400, console.json("PUT", "/api/jobs/%2E%2E%2Fescape", "{}").statusCode());
        assertFalse(Files.exists(console.workDir.resolve("escape.json")));
        assertEquals(400, console.get("/api/runs/..%2F..%2Fconf").statusCode());
        assertEquals(400, console.json("PUT", "/api/datasources/..%2Fx", "{\"type\":\"localfile\"}").statusCode());
        for (String path : List.of("/..%2F..%2F..%2Fpom.xml", "/%2e%2e/%2e%2e/pom.xml", "/js/..%2F..%2F..%2F..%2Fpom.xml")) {
            HttpResponse<String> r = console.get(path);
            assertTrue(r.statusCode() >= 400, path + " answered " + r.statusCode());
            assertFalse(r.body().contains("<project"), path);
        }
    }

    private static JsonNode option(JsonNode plugin, String key) {
        for (JsonNode o : plugin.get("options")) {
            if (o.get("key").asText().equals(key)) {
                return o;
            }
        }
        throw new AssertionError("no option " + key + " in " + plugin);
    }

    private static boolean hasIssue(JsonNode result, String path, String text) {
        for (JsonNode i : result.get("issues")) {
            if (i.get("path").asText().equals(path) && i.get("message").asText().contains(text)) {
                return true;
            }
        }
        return false;
    }
}
