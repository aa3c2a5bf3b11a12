package io.vectorsync.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DataWorks' scheduling expressions against fixed baselines. The instance of DataWorks' own example: a daily task
 * scheduled at 02:30:45 on 2025-11-01, business date 2025-10-31.
 */
class SchedulingExpressionsTest {
    private static final SchedulingTime T = new SchedulingTime(LocalDate.of(2025, 10, 31),
            LocalDateTime.of(2025, 11, 1, 2, 30, 45));
    private final TimeExpressions time = new TimeExpressions(T);

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            yyyymmdd     | 20251031
            yyyy-mm-dd   | 2025-10-31
            yyyy/mm/dd   | 2025/10/31
            yymmdd       | 251031
            yyyymm       | 202510
            yyyy         | 2025
            yyyymmdd-1   | 20251030
            yyyymmdd+1   | 20251101
            yyyy-mm-dd-7 | 2025-10-24
            yyyymmdd-7*2 | 20251017
            yyyymm-1     | 202509
            yyyymm+3     | 202601
            yyyy-1       | 2024
            yyyy-mm-12   | 2024-10
            """)
    void businessDateFormatsAndOffsetsInTheFormatsSmallestUnit(String expression, String expected) {
        assertEquals(expected, time.businessDate(expression));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            yyyymmdd                 | 20251101
            yyyymmddhh24miss         | 20251101023045
            yyyy-mm-dd               | 2025-11-01
            hh24miss                 | 023045
            hh24:mi:ss               | 02:30:45
            yyyymm                   | 202511
            yyyymmdd-1               | 20251031
            yyyymmdd+7               | 20251108
            yyyymmdd-7*2             | 20251018
            # an hour, a minute, a second back: Oracle's fractions of a day
            hh24miss-1/24            | 013045
            hh24miss+0/24            | 023045
            hh24miss-1/24/60         | 022945
            hh24miss-1/24/60/60      | 023044
            yyyymmddhh24-3/24        | 2025103123
            # the date crosses midnight when the hours do
            yyyymmddhh24miss-4/24    | 20251031223045
            # add_months moves the scheduled time by months
            add_months(yyyymmdd,-1)  | 20251001
            add_months(yyyymmdd,-12) | 20241101
            add_months(yyyymmdd,-12*2) | 20231101
            add_months(yyyymm,1)     | 202512
            add_months(yyyymmdd,+2)  | 20260101
            """)
    void scheduledTimeFormatsAndOffsets(String expression, String expected) {
        assertEquals(expected, time.scheduledTime(expression));
    }

    @Test
    void addMonthsClampsTheDay() {
        TimeExpressions endOfMonth = new TimeExpressions(SchedulingTime.of(null, "20250331000000"));
        assertEquals("20250228", endOfMonth.scheduledTime("add_months(yyyymmdd,-1)"));
    }

    @Test
    void builtInParameters() {
        assertEquals("20251031", time.builtIn("bizdate"));
        assertEquals("20251101023045", time.builtIn("cyctime"));
        assertEquals("20251101", time.builtIn("gmtdate"));
        // business date in another month than the scheduled day: its own month
        assertEquals("202510", time.builtIn("bizmonth"));
        // business date in the scheduled month: the month before
        assertEquals("202510", new TimeExpressions(SchedulingTime.of("20251102", "20251103000000")).builtIn("bizmonth"));
        assertEquals("202511", new TimeExpressions(SchedulingTime.of("20251130", "20251201000000")).builtIn("bizmonth"));
    }

    /**
     * {@code kind} picks the form ($[...] scheduled time, ${...} business date, $name built-in); the message names
     * the expression, and where {@code starts} is true it begins with {@code message}.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            scheduled | yyyymmddx               | false | $[yyyymmddx]
            scheduled | hh24miss-1/7            | true  | $[hh24miss-1/7]: the offset "1/7"
            scheduled | add_months(yyyymmdx,-1) | false | $[add_months(yyyymmdx,-1)]
            business  | yyyymmddhh24            | true  | ${yyyymmddhh24}: ${...} is the business date, to the day
            business  | yyyymmdd-1/24           | true  | ${yyyymmdd-1/24}
            builtIn   | jobid                   | true  | $jobid is an id of a DataWorks instance
            """)
    void unknownFormsAreErrorsNamingTheExpression(String kind, String expression, boolean starts, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            switch (kind) {
                case "scheduled" -> time.scheduledTime(expression);
                case "business" -> time.businessDate(expression);
                default -> time.builtIn(expression);
            }
        });
        assertTrue(starts ? e.getMessage().startsWith(message) : e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void baselinesFromTheCommandLine() {
        SchedulingTime bizOnly = SchedulingTime.of("20261128", null);
        assertEquals(LocalDate.of(2026, 11, 28), bizOnly.bizdate());
        assertEquals(LocalDateTime.of(2026, 11, 29, 0, 0), bizOnly.cyctime());
        SchedulingTime cycOnly = SchedulingTime.of(null, "2026-11-29 02:30:00");
        assertEquals(LocalDate.of(2026, 11, 28), cycOnly.bizdate());
        assertEquals(LocalDateTime.of(2026, 11, 29, 2, 30), cycOnly.cyctime());
        SchedulingTime both = SchedulingTime.of("2026-11-20", "202611290230");
        assertEquals(LocalDate.of(2026, 11, 20), both.bizdate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SchedulingTime.of("2026-13-01", null));
        assertTrue(e.getMessage().startsWith("--bizdate \"2026-13-01\" is not a date"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SchedulingTime.of(null, "tomorrow"));
        assertTrue(e.getMessage().startsWith("--cyctime \"tomorrow\""), e.getMessage());
    }

    private static JobSpec parse(String json, Map<String, String> params) {
        return new JobParser(params, Map.of("HOME_DIR", "/home/$bizdate"), Datasources.none(Path.of("x")), T)
                .parse("t", json.replace('\'', '"'));
    }

    @Test
    void aScheduledScriptsPartitionFilterResolvesInTheJob() {
        JobSpec job = parse("{'type':'job','version':'2.0','steps':["
                + "{'stepType':'odps','category':'reader','name':'Reader','parameter':{'table':'t',"
                + "'partition':['pt=${bizdate}','ds=$[yyyymmdd-1]','hr=$[hh24-1/24]','m=$[add_months(yyyymm,-1)]',"
                + "'d=${yyyy-mm-dd}','y=${yyyymmdd-1}','c=$cyctime','dt=${dt}','home=${HOME_DIR}'],"
                + "'where':'$.a[0] and $[0]'}},"
                + "{'stepType':'milvus','category':'writer','name':'Writer','parameter':{}}]}",
                Map.of("dt", "$[yyyymmdd-2]"));
        assertEquals(List.of("pt=20251031", "ds=20251031", "hr=01", "m=202510", "d=2025-10-31", "y=20251030",
                "c=20251101023045", "dt=20251030", "home=/home/$bizdate"), job.reader().parameters().get("partition"));
        // JSONPath brackets are not scheduling expressions; environment values are taken as they are
        assertEquals("$.a[0] and $[0]", job.reader().parameters().get("where"));
    }

    @Test
    void aBadExpressionInTheJobIsAnIssueAtItsPath() {
        InvalidJobException e = assertThrows(InvalidJobException.class, () -> parse("{'steps':["
                + "{'stepType':'odps','category':'reader','parameter':{'partition':'pt=$[yyyymmdd-1/7]'}},"
                + "{'stepType':'milvus','category':'writer','parameter':{'x':'$[tomorrow]','y':'${dt}'}}]}",
                Map.of("dt", "$[hh25]")));
        assertTrue(e.getMessage().contains("$.steps[0].parameter.partition: $[yyyymmdd-1/7]: the offset"), e.getMessage());
        assertTrue(e.getMessage().contains("$.steps[1].parameter.x: unknown time expression $[tomorrow]"), e.getMessage());
        assertTrue(e.getMessage().contains("$.steps[1].parameter.y: -p dt: unknown time expression $[hh25]"),
                e.getMessage());
    }
}
