package io.vectorsync.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DataX job files parse into the same job model as DataWorks scripts, with DataX's paths in every message. */
class DataxJobTest {
    private static JobSpec parse(String json) {
        return parse(json, Map.of());
    }

    private static JobSpec parse(String json, Map<String, String> params) {
        return new JobParser(params, Map.of(), Datasources.none(Path.of("conf/datasources.json")))
                .parse("datax", json.replace('\'', '"'));
    }

    private static String job(String reader, String writer, String extra) {
        return "{'job':{'setting':{'speed':{'channel':3},'errorLimit':{'record':0,'percentage':0.02}},"
                + "'content':[{'reader':" + reader + ",'writer':" + writer + extra + "}]}}";
    }

    private static final String STREAM_READER = "{'name':'streamreader','parameter':{'column':["
            + "{'value':'DataX','type':'string'},{'value':19890604,'type':'long'},{'value':true,'type':'bool'}],"
            + "'sliceRecordCount':100000}}";
    private static final String STREAM_WRITER = "{'name':'streamwriter','parameter':{'print':false,'encoding':'UTF-8'}}";

    @Test
    void streamToStreamBecomesAReaderAndAWriterWithDataxSettings() {
        JobSpec job = parse(job(STREAM_READER, STREAM_WRITER, ""));
        assertEquals(2, job.steps().size());
        assertEquals("stream", job.reader().stepType());
        assertEquals(StepCategory.READER, job.reader().category());
        assertEquals("stream", job.writer().stepType());
        assertEquals(StepCategory.WRITER, job.writer().category());
        assertEquals(100000, job.reader().parameters().get("sliceRecordCount"));
        assertEquals(false, job.writer().parameters().get("print"));
        // DataX's channel is our concurrency; its error limits are ours
        assertEquals(3, job.settings().concurrent());
        assertEquals(0L, job.settings().errorLimitRecords());
        assertEquals(0.02, job.settings().errorLimitPercentage());
        // the step paths are DataX's, so plugin messages point into the DataX file
        assertEquals("$.job.content[0].reader.parameter.column", job.reader().parameterPath("column"));
        assertEquals("$.job.content[0].writer", job.writer().path());
        // the stream reader keeps DataX's "bool"; it knows that name
        assertEquals("bool", ((Map<?, ?>) ((List<?>) job.reader().parameters().get("column")).get(2)).get("type"));
    }

    @Test
    void byteSpeedTurnsTheThrottleOnInMegabytesPerSecond() {
        JobSpec job = parse(job(STREAM_READER, STREAM_WRITER, "").replace("'channel':3",
                "'channel':2,'byte':2097152,'record':500"));
        assertEquals(2, job.settings().concurrent());
        assertTrue(job.settings().throttle());
        assertEquals(2.0, job.settings().mbps());
        assertEquals(500, job.settings().recordsPerSecond());
        JobSpec unlimited = parse(job(STREAM_READER, STREAM_WRITER, "").replace("'channel':3", "'channel':1,'byte':-1"));
        assertEquals(false, unlimited.settings().throttle());
    }

    @Test
    void fileAndTablePluginsGetOurNamesDataxDefaultsAndBooleanTypes() {
        JobSpec job = parse(job("{'name':'txtfilereader','parameter':{'path':['/data/in/*.csv'],'encoding':'UTF-8',"
                        + "'column':[{'index':0,'type':'long'},{'index':1,'type':'bool'}],'fieldDelimiter':',',"
                        + "'bufferSize':8192}}",
                "{'name':'txtfilewriter','parameter':{'path':'/data/out','fileName':'part','writeMode':'truncate'}}", ""));
        assertEquals("localfile", job.reader().stepType());
        assertEquals("boolean", ((Map<?, ?>) ((List<?>) job.reader().parameters().get("column")).get(1)).get("type"));
        assertTrue(!job.reader().parameters().containsKey("nullFormat"), "DataX's readers have no nullFormat default");
        assertTrue(!job.reader().parameters().containsKey("bufferSize"));
        assertEquals(List.of("$.job.content[0].reader.parameter.bufferSize"), job.ignoredKeys());
        assertEquals("localfile", job.writer().stepType());
        // DataX's txtfilewriter writes text with "," and "null" for null unless told otherwise
        assertEquals("text", job.writer().parameters().get("fileFormat"));
        assertEquals(",", job.writer().parameters().get("fieldDelimiter"));
        assertEquals(List.of(), job.writer().parameters().get("header"));
        assertEquals("null", job.writer().parameters().get("nullFormat"));
    }

    @Test
    void hologresConnectionIsFlattenedToJdbcUrlAndTable() {
        JobSpec job = parse(job("{'name':'odpsreader','parameter':{'accessId':'id','accessKey':'k','project':'p',"
                        + "'table':'t','partition':['pt=1'],'column':['id','text'],'odpsServer':'http://odps/api'}}",
                "{'name':'hologresjdbcwriter','parameter':{'username':'u','password':'p','column':['id','text'],"
                        + "'connection':[{'jdbcUrl':'jdbc:postgresql://h:80/db','table':['docs']}],'writeMode':'REPLACE',"
                        + "'client':{'writeThreadSize':3}}}", ""));
        assertEquals("odps", job.reader().stepType());
        assertEquals("http://odps/api", job.reader().parameters().get("odpsServer"));
        assertEquals("holo", job.writer().stepType());
        assertEquals("jdbc:postgresql://h:80/db", job.writer().parameters().get("jdbcUrl"));
        assertEquals("docs", job.writer().parameters().get("table"));
        assertEquals("REPLACE", job.writer().parameters().get("writeMode"));
        assertTrue(job.ignoredKeys().contains("$.job.content[0].writer.parameter.client"), job.ignoredKeys().toString());
    }

    @Test
    void aPluginWithoutEquivalentIsNamedWithTheSupportedOnes() {
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> parse(job(
                "{'name':'mysqlreader','parameter':{}}", "{'name':'streamwritter','parameter':{}}", "")));
        assertTrue(e.getMessage().contains("$.job.content[0].reader.name: DataX reader \"mysqlreader\" has no "
                + "equivalent here"), e.getMessage());
        assertTrue(e.getMessage().contains("hdfsreader, odpsreader, ossreader, streamreader, txtfilereader"),
                e.getMessage());
        assertTrue(e.getMessage().contains("$.job.content[0].writer.name: DataX writer \"streamwritter\" has no "
                + "equivalent here; did you mean \"streamwriter\"?"), e.getMessage());
        assertEquals(2, e.issues().size(), "nothing about the steps DataX does not have: " + e.getMessage());
    }

    @Test
    void transformersBecomeStepsInListOrderAndGroovyIsRefusedByName() {
        JobSpec job = parse(job(STREAM_READER, STREAM_WRITER, ",'transformer':["
                + "{'name':'dx_substr','parameter':{'columnIndex':0,'paras':['1','3']}},"
                + "{'name':'dx_filter','parameter':{'columnIndex':1,'paras':['<',100]}}]"));
        assertEquals(4, job.steps().size());
        assertEquals(List.of("dx_substr", "dx_filter"), job.transformers().stream().map(StepSpec::stepType).toList());
        assertEquals(List.of("<", "100"), job.transformers().get(1).parameters().get("paras"));
        assertEquals("$.job.content[0].transformer[1].parameter.paras", job.transformers().get(1).parameterPath("paras"));
        assertEquals("$.job.content[0].writer", job.writer().path());

        InvalidJobException e = assertThrows(InvalidJobException.class, () -> parse(job(STREAM_READER, STREAM_WRITER,
                ",'transformer':[{'name':'dx_filter','parameter':{'columnIndex':1,'paras':['<','100']}},"
                        + "{'name':'dx_groovy','parameter':{'code':'return record;'}}]")));
        assertTrue(e.getMessage().contains("$.job.content[0].transformer[1].name: DataX transformer \"dx_groovy\" is "
                + "not supported here: this engine runs no Groovy"), e.getMessage());
        assertEquals(1, e.issues().size(), e.getMessage());
    }

    @Test
    void settingErrorsAndUnknownKeysUseDataxPaths() {
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> parse(
                "{'job':{'setting':{'speed':{'channel':0,'chanel':2},'errorLimit':{'record':-1}},"
                        + "'content':[{'reader':" + STREAM_READER + ",'writer':" + STREAM_WRITER + "}]},'extra':1}"));
        String m = e.getMessage();
        assertTrue(m.contains("$.job.setting.speed.channel: must be between 1 and 256, was 0"), m);
        assertTrue(m.contains("$.job.setting.speed.chanel: unknown key; did you mean \"channel\"?"), m);
        assertTrue(m.contains("$.job.setting.errorLimit.record: must be 0"), m);
        assertTrue(m.contains("$.extra: unknown key"), m);
    }

    @Test
    void scriptParametersResolveInDataxJobsToo() {
        JobSpec job = parse(job(STREAM_READER.replace("100000", "'${COUNT}'"), STREAM_WRITER, "")
                .replace("'channel':3", "'channel':'${CHANNELS}'"), Map.of("COUNT", "5", "CHANNELS", "2"));
        assertEquals("5", job.reader().parameters().get("sliceRecordCount"));
        assertEquals(2, job.settings().concurrent());
    }

    @Test
    void moreThanOneContentEntryIsRefused() {
        String one = "{'reader':" + STREAM_READER + ",'writer':" + STREAM_WRITER + "}";
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> parse(
                "{'job':{'content':[" + one + "," + one + "]}}"));
        assertTrue(e.getMessage().contains("$.job.content: holds 2 entries"), e.getMessage());
    }
}
