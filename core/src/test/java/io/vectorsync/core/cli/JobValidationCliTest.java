package io.vectorsync.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vectorsync.core.Jobs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed job is refused before it runs: exit 2 and a message naming the key, through the CLI. */
class JobValidationCliTest extends CliTestBase {
    /** Writes the job and runs {@code run} on it; asserts exit 2 and that stderr names every expected text. */
    private void refused(String json, String... expected) throws Exception {
        Path job = dir.resolve("job.json");
        Files.writeString(job, json);
        Outcome o = cli("run", job.toString(), "--progress-interval", "0", "--dirty-file", dir.resolve("d.jsonl").toString());
        assertEquals(2, o.code(), json + "\n" + o.err());
        for (String e : expected) {
            assertTrue(o.err().contains(e), "expected \"" + e + "\" in:\n" + o.err());
        }
        assertFalse(o.err().contains("Exception"), o.err());
    }

    private static String job(String setting) {
        return Jobs.job("'count':10", "", "'sink':'validation'", setting).replace('\'', '"');
    }

    @Test
    void unknownTopLevelAndStepKeysAreErrors() throws Exception {
        refused(job("").replace("\"setting\"", "\"settings\""), "$.settings: unknown key; did you mean \"setting\"?");
        refused(job("").replace("\"name\":\"Writer\",\"parameter\"", "\"name\":\"Writer\",\"paramters\""),
                "$.steps[1].paramters: unknown key; did you mean \"parameter\"?");
        refused(job("").replace("\"from\":\"Reader\"", "\"form\":\"Reader\""),
                "$.order.hops[0].form: unknown key; did you mean \"from\"?");
    }

    /** A setting misspelled (with a did-you-mean), of the wrong type, or out of range, named by its path. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            'errorLimit':{'records':0}     | $.setting.errorLimit.records: unknown key; did you mean "record"?
            'errorlimit':{'record':0}      | $.setting.errorlimit: unknown key; did you mean "errorLimit"?
            'speed':{'concurent':2}        | $.setting.speed.concurent: unknown key; did you mean "concurrent"?
            'speed':{'concurrent':2,'mbs':5} | $.setting.speed.mbs: unknown key; did you mean "mbps"?
            'errorLimit':{'record':0,'strategy':'ZeroTolerence'} | $.setting.errorLimit.strategy: must be one of \
            [ZeroTolerance, Tolerance, Ignore], was "ZeroTolerence"; did you mean "ZeroTolerance"?
            'speed':{'throttle':'yes','mbps':5} | $.setting.speed.throttle: expected true or false, was "yes"
            'errorLimit':{'record':-1}     | $.setting.errorLimit.record: must be 0 (no dirty record allowed) or more, was -1
            'errorLimit':{'record':'2.5'}  | $.setting.errorLimit.record: expected a whole number, was "2.5"
            'errorLimit':{'percentage':-0.1} | $.setting.errorLimit.percentage: must be a fraction between 0 and 1
            'speed':{'throttle':true,'mbps':'-3'} | $.setting.speed.mbps: must be a positive number of MB/s, was -3
            'speed':{'record':-10}         | $.setting.speed.record: must be 0 (no limit) or a positive number
            'speed':{'concurrent':0}       | $.setting.speed.concurrent: must be between 1 and 256, was 0
            'speed':{'channel':-2}         | $.setting.speed.channel: must be between 1 and 256, was -2
            """)
    void aBadSettingIsRefusedNamingItsPath(String setting, String expected) throws Exception {
        refused(job(setting), expected);
    }

    @Test
    void duplicateKeysTrailingContentAndDuplicateStepNamesAreErrors() throws Exception {
        refused(job("'speed':{'concurrent':1,'concurrent':2}"),
                "$.setting.speed: duplicate key \"concurrent\" at line 1, column");
        refused(Jobs.job("'count':10,'count':11", "", "'sink':'v'", "").replace('\'', '"'),
                "$.steps[0].parameter: duplicate key \"count\"");
        refused(job("") + "\n{\"steps\":[]}", "$: unexpected content after the end of the job's JSON at line 2, column 1");
        refused(job("") + " garbage", "$: unexpected content after the end of the job's JSON at line 1");
        String twoReaders = Jobs.job("'count':10", "{'stepType':'upper','category':'flatmap','name':'Reader','parameter':"
                + "{'column':'text'}}", "'sink':'v'", "").replace('\'', '"');
        refused(twoReaders, "$.steps[1].name: duplicate step name \"Reader\": $.steps[0] and $.steps[1] are both named so");
    }

    @Test
    void hugeDeepOrEndlessInputIsRefusedWithAMessage() throws Exception {
        refused("{\"type\":\"job\",\"steps\":[],\"x\":\"" + "a".repeat(60 * 1024 * 1024) + "\"}",
                "the job file is too large: more than 16 MiB");
        refused("{\"type\":\"job\",\"x\":\"" + "a".repeat(9 * 1024 * 1024) + "\"}",
                "$: the job is too large or nested too deeply: a string longer than 8 MiB characters");
        refused("{\"steps\":" + "[".repeat(1500) + "]".repeat(1500) + "}",
                "$: the job is too large or nested too deeply: objects and lists nested more than 64 levels deep");
        refused("", "$: the job is empty");
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        Outcome zero = cli("validate", "/dev/zero");
        assertEquals(2, zero.code(), zero.err());
        assertTrue(zero.err().contains("/dev/zero: the job file is too large: more than 16 MiB"), zero.err());
    }

    @Test
    void aByteOrderMarkIsAcceptedAndTextThatIsNotUtf8IsRefused() throws Exception {
        Path job = dir.resolve("bom.json");
        Files.writeString(job, "\uFEFF" + job(""));
        Outcome bom = cli("validate", job.toString());
        assertEquals(0, bom.code(), bom.err());
        Files.write(job, new byte[] {'{', (byte) 0xC3, '}'});
        Outcome latin1 = cli("validate", job.toString());
        assertEquals(2, latin1.code(), latin1.err());
        assertTrue(latin1.err().contains(job + ": the job file is not UTF-8 text"), latin1.err());
    }

    @Test
    void theDatasourcesFileFollowsTheSameRules() throws Exception {
        Path job = dir.resolve("ds-job.json");
        Files.writeString(job, job(""));
        Path ds = dir.resolve("datasources.json");
        Files.writeString(ds, "{\"Milvus\": {\"type\":\"milvus\",\"token\":\"a\",\"token\":\"b\"}}");
        Outcome dup = cli("validate", job.toString(), "--datasources", ds.toString());
        assertEquals(2, dup.code(), dup.err());
        assertTrue(dup.err().contains(ds + ": $.Milvus: duplicate key \"token\""), dup.err());
        Files.writeString(ds, "{\"Milvus\": {\"type\":\"milvus\"}} trailing");
        Outcome trailing = cli("validate", job.toString(), "--datasources", ds.toString());
        assertEquals(2, trailing.code(), trailing.err());
        assertTrue(trailing.err().contains("unexpected content after the end of the datasources file's JSON"), trailing.err());
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        Outcome zero = cli("validate", job.toString(), "--datasources", "/dev/zero");
        assertEquals(2, zero.code(), zero.err());
        assertTrue(zero.err().contains("the datasources file is too large"), zero.err());
    }

    @Test
    void reportAndDirtyFilePathsAreCheckedBeforeTheJobStarts() throws Exception {
        Path job = dir.resolve("paths.json");
        Files.writeString(job, Jobs.job("'count':10", "", "'sink':'paths'", "").replace('\'', '"'));
        Files.createDirectories(dir.resolve("out"));
        Outcome reportDir = cli("run", job.toString(), "--report", dir.resolve("out").toString());
        assertEquals(2, reportDir.code(), reportDir.err());
        assertTrue(reportDir.err().contains("--report " + dir.resolve("out") + ": is a directory"), reportDir.err());
        Files.writeString(dir.resolve("plain"), "x");
        Outcome underFile = cli("run", job.toString(), "--report", dir.resolve("plain/report.json").toString());
        assertEquals(2, underFile.code(), underFile.err());
        assertTrue(underFile.err().contains("is a file, so no directory can be created there"), underFile.err());
        Outcome dirty = cli("validate", job.toString(), "--dirty-file", dir.resolve("out").toString());
        assertEquals(2, dirty.code(), dirty.err());
        assertTrue(dirty.err().contains("--dirty-file " + dir.resolve("out") + ": is a directory"), dirty.err());
        assertTrue(io.vectorsync.core.testplugins.CollectWriterFactory.sink("paths").isEmpty(), "the job must not run");

        Outcome fine = cli("run", job.toString(), "--progress-interval", "0", "--report",
                dir.resolve("new/sub/report.json").toString(), "--dirty-file", dir.resolve("new/d.jsonl").toString());
        assertEquals(0, fine.code(), fine.err());
        assertTrue(Files.exists(dir.resolve("new/sub/report.json")));
    }

    @Test
    void validateListsTheDataWorksKeysItAcceptsAndIgnores() throws Exception {
        String json = job("'executeMode':null,'failoverEnable':null,'jvmOption':'-Xmx1g','locale':'zh_CN',"
                + "'errorLimit':{'record':'0'},'speed':{'concurrent':2,'throttle':false,'dmu':4}")
                .replace("{\"type\":\"job\"", "{\"transform\":false,\"extend\":{\"mode\":\"wizard\"},\"type\":\"job\"")
                .replace("\"category\":\"writer\"", "\"category\":\"writer\",\"gui\":{\"x\":1,\"y\":2}");
        Path job = dir.resolve("dw.json");
        Files.writeString(job, json);
        Outcome o = cli("validate", job.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("Job dw is valid: 2 steps, 2 stream(s)"), o.out());
        assertTrue(o.out().contains("Accepted and ignored (DataWorks keys with no effect here): $.transform, $.extend, "
                + "$.steps[1].gui, $.setting.executeMode, $.setting.failoverEnable, $.setting.jvmOption, $.setting.locale, "
                + "$.setting.speed.dmu"), o.out());
    }
}
