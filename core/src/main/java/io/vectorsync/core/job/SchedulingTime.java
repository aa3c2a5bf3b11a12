package io.vectorsync.core.job;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * DataWorks' two time baselines for scheduling parameters: the <b>business date</b> ({@code $bizdate},
 * {@code ${yyyymmdd}}), the day of the data, and the <b>scheduled time</b> ({@code $cyctime},
 * {@code $[yyyymmddhh24miss]}), when the instance was due to run. As in DataWorks the business date is the day
 * before the scheduled time's date, unless both are given.
 *
 * @param bizdate the business date
 * @param cyctime the scheduled time, to the second, in the local time zone
 */
public record SchedulingTime(LocalDate bizdate, LocalDateTime cyctime) {

    public SchedulingTime {
        Objects.requireNonNull(bizdate, "bizdate is null");
        Objects.requireNonNull(cyctime, "cyctime is null");
        cyctime = cyctime.truncatedTo(ChronoUnit.SECONDS);
    }

    /** Now: the scheduled time is the current time, the business date yesterday (as a daily T+1 task sees them). */
    public static SchedulingTime now() {
        LocalDateTime now = LocalDateTime.now();
        return new SchedulingTime(now.toLocalDate().minusDays(1), now);
    }

    /**
     * The baselines from {@code --bizdate} and {@code --cyctime}, either of which may be null: a business date alone
     * means the run was scheduled at midnight the day after; a scheduled time alone means the business date is the
     * day before it; neither means {@link #now()}.
     *
     * @throws IllegalArgumentException naming the option when a value is not a date or time
     */
    public static SchedulingTime of(String bizdate, String cyctime) {
        LocalDate biz = bizdate == null || bizdate.isBlank() ? null : parseDate(bizdate.trim());
        LocalDateTime cyc = cyctime == null || cyctime.isBlank() ? null : parseDateTime(cyctime.trim());
        if (biz == null && cyc == null) {
            return now();
        }
        if (cyc == null) {
            return new SchedulingTime(biz, biz.plusDays(1).atStartOfDay());
        }
        return new SchedulingTime(biz != null ? biz : cyc.toLocalDate().minusDays(1), cyc);
    }

    private static LocalDate parseDate(String s) {
        for (String pattern : new String[] {"yyyyMMdd", "yyyy-MM-dd"}) {
            try {
                return LocalDate.parse(s, DateTimeFormatter.ofPattern(pattern));
            } catch (DateTimeParseException e) {
                // next
            }
        }
        throw new IllegalArgumentException("--bizdate \"" + s + "\" is not a date; use yyyymmdd (20261128) or "
                + "yyyy-mm-dd");
    }

    private static LocalDateTime parseDateTime(String s) {
        for (String pattern : new String[] {"yyyyMMddHHmmss", "yyyyMMddHHmm", "yyyy-MM-dd HH:mm:ss",
                "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm"}) {
            try {
                return LocalDateTime.parse(s, DateTimeFormatter.ofPattern(pattern));
            } catch (DateTimeParseException e) {
                // next
            }
        }
        for (String pattern : new String[] {"yyyyMMdd", "yyyy-MM-dd"}) {
            try {
                return LocalDate.parse(s, DateTimeFormatter.ofPattern(pattern)).atTime(LocalTime.MIDNIGHT);
            } catch (DateTimeParseException e) {
                // next
            }
        }
        throw new IllegalArgumentException("--cyctime \"" + s + "\" is not a time; use yyyymmddhh24miss "
                + "(20261129023000), yyyy-mm-dd hh:mm:ss or a date");
    }
}
