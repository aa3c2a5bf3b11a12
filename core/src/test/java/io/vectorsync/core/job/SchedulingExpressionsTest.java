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

/**
 * DataWorks' scheduling expressions against fixed baselines. The instance of DataWorks' own example: a daily task
 * scheduled at 02:30:45 on 2025-11-01, business date 2025-10-31.
 */
class SchedulingExpressionsTest {
    private static final SchedulingTime T = new SchedulingTime(LocalDate.of(2025, 10, 31),
            LocalDateTime.of(2025, 11, 1, 2, 30, 45));
    private final TimeExpressions time = new TimeExpressions(T);

    @Test
    void businessDateFormatsAndOffsetsInTheFormatsSmallestUnit() {
        assertEquals("20251031", time.businessDate("yyyymmdd"));
        assertEquals("2025-10-31", time.businessDate("yyyy-mm-dd"));
        assertEquals("2025/10/31", time.businessDate("yyyy/mm/dd"));
        assertEquals("251031", time.businessDate("yymmdd"));
        assertEquals("202510", time.businessDate("yyyymm"));
        assertEquals("2025", time.businessDate("yyyy"));
        assertEquals("20251030", time.businessDate("yyyymmdd-1"));
        assertEquals("20251101", time.businessDate("yyyymmdd+1"));
        assertEquals("2025-10-24", time.businessDate("yyyy-mm-dd-7"));
        assertEquals("20251017", time.businessDate("yyyymmdd-7*2"));
        assertEquals("202509", time.businessDate("yyyymm-1"));
        assertEquals("202601", time.businessDate("yyyymm+3"));
        assertEquals("2024", time.businessDate("yyyy-1"));
        assertEquals("2024-10", time.businessDate("yyyy-mm-12"));
    }

    @Test
    void scheduledTimeFormatsAndOffsetsInDays() {
        assertEquals("20251101", time.scheduledTime("yyyymmdd"));
        assertEquals("20251101023045", time.scheduledTime("yyyymmddhh24miss"));
        assertEquals("2025-11-01", time.scheduledTime("yyyy-mm-dd"));
        assertEquals("023045", time.scheduledTime("hh24miss"));
        assertEquals("02:30:45", time.scheduledTime("hh24:mi:ss"));
        assertEquals("202511", time.scheduledTime("yyyymm"));
        assertEquals("20251031", time.scheduledTime("yyyymmdd-1"));
        assertEquals("20251108", time.scheduledTime("yyyymmdd+7"));
        assertEquals("20251018", time.scheduledTime("yyyymmdd-7*2"));
        // an hour, a minute, a second back: Oracle's fractions of a day
        assertEquals("013045", time.scheduledTime("hh24miss-1/24"));
        assertEquals("023045", time.scheduledTime("hh24miss+0/24"));
        assertEquals("022945", time.scheduledTime("hh24miss-1/24/60"));
        assertEquals("023044", time.scheduledTime("hh24miss-1/24/60/60"));
        assertEquals("2025103123", time.scheduledTime("yyyymmddhh24-3/24"));
        // the date crosses midnight when the hours do
        assertEquals("20251031223045", time.scheduledTime("yyyymmddhh24miss-4/24"));
    }

    @Test
    void addMonthsMovesTheScheduledTimeByMonthsAndClampsTheDay() {
        assertEquals("20251001", time.scheduledTime("add_months(yyyymmdd,-1)"));
        assertEquals("20241101", time.scheduledTime("add_months(yyyymmdd,-12)"));
        assertEquals("20231101", time.scheduledTime("add_months(yyyymmdd,-12*2)"));
        assertEquals("202512", time.scheduledTime("add_months(yyyymm,1)"));
        assertEquals("20260101", time.scheduledTime("add_months(yyyymmdd,+2)"));
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

    @Test
    void unknownFormsAreErrorsNamingTheExpression() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> time.scheduledTime("yyyymmddx"));
        assertTrue(e.getMessage().contains("$[yyyymmddx]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> time.scheduledTime("hh24miss-1/7"));
        assertTrue(e.getMessage().startsWith("$[hh24miss-1/7]: the offset \"1/7\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> time.scheduledTime("add_months(yyyymmdx,-1)"));
        assertTrue(e.getMessage().contains("$[add_months(yyyymmdx,-1)]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> time.businessDate("yyyymmddhh24"));
        assertTrue(e.getMessage().startsWith("${yyyymmddhh24}: ${...} is the business date, to the day"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> time.businessDate("yyyymmdd-1/24"));
        assertTrue(e.getMessage().startsWith("${yyyymmdd-1/24}"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> time.builtIn("jobid"));
        assertTrue(e.getMessage().startsWith("$jobid is an id of a DataWorks instance"), e.getMessage());
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
