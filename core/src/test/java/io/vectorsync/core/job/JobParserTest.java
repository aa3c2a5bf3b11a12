package io.vectorsync.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobParserTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private JobSpec parse(String json, Map<String, String> params, Map<String, String> env, Datasources ds) {
        return new JobParser(params, env, ds).parse("t", json.replace('\'', '"'));
    }

    private JobSpec parse(String json) {
        return parse(json, Map.of(), Map.of(), Datasources.none(Path.of("conf/datasources.json")));
    }

    @Test
    void readsStepsInArrayOrderAndLenientSettings() {
        JobSpec job = parse("{'type':'job','version':'2.0','steps':["
                + "{'stepType':'odps','category':'reader','name':'Reader','parameter':{'table':'t'}},"
                + "{'stepType':'embedding-transformer','category':'flatmap','displayName':'emb','parameter':{}},"
                + "{'stepType':'milvus','category':'writer','name':'Writer','parameter':{}}],"
                + "'setting':{'errorLimit':{'record':'0','percentage':'0.02'},'speed':{'concurrent':'2','throttle':false}}}");
        assertEquals(3, job.steps().size());
        assertEquals("emb", job.transformers().get(0).name());
        assertEquals(StepCategory.TRANSFORMER, job.transformers().get(0).category());
        assertEquals(2, job.settings().concurrent());
        assertEquals(0L, job.settings().errorLimitRecords());
        assertEquals(0.02, job.settings().errorLimitPercentage());
    }

    @Test
    void reportsMalformedJsonWithPosition() {
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> parse("{'steps': [ }"));
        assertTrue(e.getMessage().contains("malformed JSON at line 1"), e.getMessage());
    }

    @Test
    void resolvesParametersFromCommandLineThenEnvironmentAndListsEveryMissingOne() {
        String json = "{'steps':[{'stepType':'a','category':'reader','parameter':{'x':'${P1}','y':'pre-${P2}'}},"
                + "{'stepType':'b','category':'writer','parameter':{'z':'${MISSING_A}','w':'${MISSING_B}'}}]}";
        InvalidJobException e = assertThrows(InvalidJobException.class,
                () -> parse(json, Map.of("P1", "one"), Map.of("P2", "two"), Datasources.none(Path.of("x"))));
        assertTrue(e.getMessage().contains("${MISSING_A}") && e.getMessage().contains("${MISSING_B}"), e.getMessage());
        assertTrue(e.getMessage().contains("$.steps[1].parameter.z"), e.getMessage());

        JobSpec ok = parse(json.replace("${MISSING_A}", "a").replace("${MISSING_B}", "b"),
                Map.of("P1", "one", "P2", "cli"), Map.of("P2", "env"), Datasources.none(Path.of("x")));
        assertEquals("one", ok.reader().parameters().get("x"));
        assertEquals("pre-cli", ok.reader().parameters().get("y"));
    }

    @Test
    void mergesDatasourceKeysWithInlineKeysWinning(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("datasources.json");
        Files.writeString(file, "{\"M\": {\"type\":\"milvus\",\"endpoint\":\"http://ds\",\"token\":\"${TOK}\",\"database\":\"db1\"}}");
        Datasources ds = Datasources.load(file);
        JobSpec job = parse("{'steps':[{'stepType':'gen','category':'reader','parameter':{}},"
                + "{'stepType':'milvus','category':'writer','parameter':{'datasource':'M','database':'inline'}}]}",
                Map.of(), Map.of("TOK", "secret-token"), ds);
        Map<String, Object> p = job.writer().parameters();
        assertEquals("http://ds", p.get("endpoint"));
        assertEquals("secret-token", p.get("token"));
        assertEquals("inline", p.get("database"));
        assertTrue(!p.containsKey("datasource") && !p.containsKey("type"));
        assertEquals("datasources.json: M.endpoint", job.writer().parameterPath("endpoint"));
    }

    @Test
    void unknownDatasourceSuggestsAndMissingFileSaysWhereItLooked(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ds.json");
        Files.writeString(file, "{\"Milvus_Source\": {\"type\":\"milvus\"}}");
        String json = "{'steps':[{'stepType':'gen','category':'reader','parameter':{}},"
                + "{'stepType':'milvus','category':'writer','parameter':{'datasource':'Milvus_Sourse'}}]}";
        InvalidJobException e = assertThrows(InvalidJobException.class,
                () -> parse(json, Map.of(), Map.of(), Datasources.load(file)));
        assertTrue(e.getMessage().contains("did you mean \"Milvus_Source\""), e.getMessage());
        InvalidJobException none = assertThrows(InvalidJobException.class, () -> parse(json));
        assertTrue(none.getMessage().contains("no datasources file at conf/datasources.json"), none.getMessage());
    }

    @Test
    void checksStructureAndHopsAllAtOnce() {
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> parse("{'type':'job','version':'3.0','steps':["
                + "{'stepType':'milvus','category':'writer','name':'Writer'},"
                + "{'stepType':'x','category':'sideways','name':'X'}],"
                + "'setting':{'speed':{'concurrent':'many'}},"
                + "'order':{'hops':[{'from':'Reader','to':'Writer'}]}}"));
        String m = e.getMessage();
        assertTrue(m.contains("$.version"), m);
        assertTrue(m.contains("$.steps[1].category"), m);
        assertTrue(m.contains("exactly one reader"), m);
        assertTrue(m.contains("$.order.hops[0].from"), m);
        assertTrue(m.contains("$.setting.speed.concurrent"), m);
        assertTrue(e.issues().size() >= 5, e.issues().toString());
    }
}
