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

    private static String withSetting(String setting) {
        return "{'steps':[{'stepType':'gen','category':'reader','parameter':{}},"
                + "{'stepType':'x','category':'writer','parameter':{}}],'setting':{" + setting + "}}";
    }

    @Test
    void readsDataWorksErrorLimitStrategies() {
        assertEquals(0L, parse(withSetting("'errorLimit':{'strategy':'ZeroTolerance'}")).settings().errorLimitRecords());
        assertEquals(5L, parse(withSetting("'errorLimit':{'strategy':'Tolerance','record':'5'}")).settings().errorLimitRecords());
        assertEquals(null, parse(withSetting("'errorLimit':{'strategy':'Ignore','record':''}")).settings().errorLimitRecords());
        String tolerance = assertThrows(InvalidJobException.class,
                () -> parse(withSetting("'errorLimit':{'strategy':'Tolerance'}"))).getMessage();
        assertTrue(tolerance.contains("$.setting.errorLimit.strategy: \"Tolerance\" needs \"record\""), tolerance);
        String contradiction = assertThrows(InvalidJobException.class,
                () -> parse(withSetting("'errorLimit':{'strategy':'ZeroTolerance','record':3}"))).getMessage();
        assertTrue(contradiction.contains("\"ZeroTolerance\" allows no dirty record but \"record\" is 3"), contradiction);
    }

    @Test
    void readsSpeedLenientlyButStrictlyInRange() {
        Settings s = parse(withSetting("'speed':{'channel':'3','throttle':'true','mbps':'12','record':'1000','dmu':2}")).settings();
        assertEquals(3, s.concurrent());
        assertTrue(s.throttle());
        assertEquals(12.0, s.mbps());
        assertEquals(1000, s.recordsPerSecond());
        assertEquals(0.0, parse(withSetting("'speed':{'throttle':false,'mbps':'12'}")).settings().mbps(), "mbps only with throttle");
        String fractional = assertThrows(InvalidJobException.class,
                () -> parse(withSetting("'speed':{'concurrent':2.5}"))).getMessage();
        assertTrue(fractional.contains("$.setting.speed.concurrent: expected a whole number, was 2.5"), fractional);
    }

    @Test
    void unnamedStepsAreNamedAfterTheirTypeAndMadeUniqueButNamedOnesMustBeUnique() {
        JobSpec job = parse("{'steps':[{'stepType':'gen','category':'reader','parameter':{}},"
                + "{'stepType':'emb','category':'flatmap'},{'stepType':'emb','category':'flatmap'},"
                + "{'stepType':'x','category':'writer','name':'emb'}]}");
        assertEquals(java.util.List.of("gen", "emb#1", "emb#2", "emb"), job.steps().stream().map(StepSpec::name).toList());
        String m = assertThrows(InvalidJobException.class, () -> parse("{'steps':[{'stepType':'gen','category':'reader','name':'A'},"
                + "{'stepType':'t','category':'map','displayName':'B'},{'stepType':'x','category':'writer','displayName':'B'}]}"))
                .getMessage();
        assertTrue(m.contains("$.steps[2].displayName: duplicate step name \"B\": $.steps[1] and $.steps[2]"), m);
    }
}
