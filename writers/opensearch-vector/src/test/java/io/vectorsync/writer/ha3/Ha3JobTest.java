package io.vectorsync.writer.ha3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vectorsync.core.Engine;
import io.vectorsync.core.runtime.JobResult;
import io.vectorsync.core.runtime.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole jobs through the core (the stream reader and this writer on the class path) against the loopback fake:
 * a DataWorks script with {@code "stepType": "opensearch"} and a datasource of type {@code opensearch-vector}
 * reaches this writer, and a failing run reports the engine's refusal.
 */
class Ha3JobTest {
    @RegisterExtension
    static final FakeHa3Server server = new FakeHa3Server();

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        server.reset();
        server.addTable("ha-cn-job_docs", new FakeHa3Server.Table("id", List.of("id", "title", "vec"), Map.of("vec", 3)));
    }

    private Engine engine(Path datasources) {
        return Engine.builder().includeClassPath(true).datasources(datasources).dirtyFile(dir.resolve("dirty.jsonl"))
                .environment(Map.of()).runOptions(RunOptions.defaults().withProgressInterval(Duration.ZERO)).build();
    }

    /** A datasources file with {@code HA3_Docs}, an opensearch-vector datasource on instance ha-cn-job. */
    private Path datasources() throws java.io.IOException {
        Path datasources = dir.resolve("datasources.json");
        Files.writeString(datasources, """
                {"HA3_Docs": {"type": "opensearch-vector", "host": "%s", "instanceId": "ha-cn-job",
                              "username": "%s", "password": "%s"}}
                """.formatted(server.endpoint(), FakeHa3Server.USER, FakeHa3Server.PASSWORD));
        return datasources;
    }

    private static String job(String writerParameters) {
        return job("opensearch", writerParameters);
    }

    private static String job(String stepType, String writerParameters) {
        return """
                {"type":"job","version":"2.0","steps":[
                 {"stepType":"stream","category":"reader","name":"Reader","parameter":{
                   "column":[{"type":"long","value":7,"name":"id"},{"type":"string","value":"hello","name":"title"},
                             {"type":"string","value":"[0.25, 0.5, 1]","name":"vec"}],
                   "sliceRecordCount":3}},
                 {"stepType":"%s","category":"writer","name":"Writer","parameter":%s}],
                 "setting":{"errorLimit":{"record":"0"},"speed":{"concurrent":2}},
                 "order":{"hops":[{"from":"Reader","to":"Writer"}]}}
                """.formatted(stepType, writerParameters);
    }

    @Test
    void aDataWorksOpenSearchStepWithAVectorEditionDatasourceWritesThroughThePushApi() throws Exception {
        Path datasources = datasources();
        Path jobFile = dir.resolve("job.json");
        Files.writeString(jobFile, job("""
                {"datasource":"HA3_Docs","table":"docs","writeMode":"add","batchSize":"2","pageSize":"100",
                 "ignoreWriteError":"false","column":["id","title",{"name":"vec","type":"vector"}]}"""));

        JobResult r = engine(datasources).run(jobFile);

        assertTrue(r.succeeded(), r.error());
        assertEquals(6, r.recordsRead());
        assertEquals(6, r.recordsWritten());
        assertEquals(0, r.dirtyRecords());
        int commands = 0;
        for (FakeHa3Server.Push p : server.pushes) {
            assertEquals("/update/ha-cn-job_docs/actions/bulk", p.path());
            commands += p.body().split("\"cmd\":\"add\"", -1).length - 1;
            assertTrue(p.body().contains("{\"cmd\":\"add\",\"fields\":{\"id\":7,\"title\":\"hello\",\"vec\":[0.25,0.5,1.0]}}"),
                    p.body());
        }
        assertEquals(6, commands, "every record read is pushed once");
        assertEquals(Map.of("id", 7, "title", "hello", "vec", List.of(0.25, 0.5, 1.0)), server.docs.get("ha-cn-job_docs").get("7"));
    }

    @Test
    void theAliasHa3AcceptsAnOpenSearchVectorDatasource() throws Exception {
        Path datasources = datasources();
        Path jobFile = dir.resolve("job.json");
        Files.writeString(jobFile, job("ha3", """
                {"datasource":"HA3_Docs","table":"docs","column":["id","title",{"name":"vec","type":"vector"}]}"""));

        JobResult r = engine(datasources).run(jobFile);

        assertTrue(r.succeeded(), r.error());
        assertEquals(6, r.recordsWritten());
        assertEquals(1, server.docs.get("ha-cn-job_docs").size());
    }

    @Test
    void aRefusedDocumentFailsTheJobWithTheEnginesMessageWhenNoDirtyRecordIsAllowed() throws Exception {
        Path jobFile = dir.resolve("job.json");
        Files.writeString(jobFile, job("""
                {"edition":"vector","host":"%s","instanceId":"ha-cn-job","accessId":"%s","accessKey":"%s",
                 "indexName":"docs","writeMode":"add","column":["id","title","vec"]}"""
                .formatted(server.endpoint(), FakeHa3Server.USER, FakeHa3Server.PASSWORD)));

        JobResult r = engine(null).run(jobFile);

        // without type vector the text "[0.25, 0.5, 1]" is sent as a string, which the table's vector field refuses
        assertFalse(r.succeeded());
        assertTrue(r.error().contains("vector dimension must be 3"), r.error());
        assertFalse(r.error().contains(FakeHa3Server.PASSWORD), r.error());
        assertTrue(server.docs.get("ha-cn-job_docs").isEmpty());
    }
}
