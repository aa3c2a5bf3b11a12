package io.vectorsync.core.job;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DataWorks' scheduling-parameter time expressions, evaluated against a {@link SchedulingTime}:
 * <ul>
 *   <li>{@code ${fmt}} and {@code ${fmt±N}}: the business date in {@code fmt} (tokens {@code yyyy}, {@code yy},
 *       {@code mm}, {@code dd} and the separators {@code - / _ . :}); N counts the smallest unit of the format:
 *       {@code ${yyyy-1}} a year, {@code ${yyyymm-1}} a month, {@code ${yyyymmdd-1}} a day; {@code 7*N} allowed.</li>
 *   <li>{@code $[fmt]} and {@code $[fmt±D]}: the scheduled time in {@code fmt} (also {@code hh24}, {@code mi},
 *       {@code ss}); D is in days as in Oracle date arithmetic: {@code -1} a day, {@code -1/24} an hour,
 *       {@code -1/24/60} a minute, {@code -7*2} two weeks.</li>
 *   <li>{@code $[add_months(fmt,±N)]}: the scheduled time N months away (the day clamped to the month's end).</li>
 *   <li>{@code $bizdate} ({@code yyyymmdd} of the business date), {@code $cyctime} ({@code yyyymmddhh24miss} of the
 *       scheduled time), {@code $gmtdate} (the scheduled day), {@code $bizmonth} (the business month, or the month
 *       before the scheduled one when both are the same month).</li>
 * </ul>
 * Anything else written in these forms is an {@link IllegalArgumentException} naming the expression.
 */
public final class TimeExpressions {
    private static final List<String> TOKENS = List.of("yyyy", "yy", "mm", "dd", "hh24", "mi", "ss");
    private static final String SEPARATORS = "-/_.:";
    private static final Pattern OFFSET = Pattern.compile("^(.*?)([+-])([0-9][0-9*/]*)$");
    private static final Pattern ADD_MONTHS = Pattern.compile("^add_months\\(([^,]+),([+-]?[0-9][0-9*]*)\\)$");

    private final SchedulingTime time;

    public TimeExpressions(SchedulingTime time) {
        this.time = time;
    }

    public SchedulingTime time() {
        return time;
    }

    /** Whether {@code ${content}} is written as a business-date format ({@code yyyymmdd}, {@code yyyy-mm-dd-1}…). */
    static boolean looksLikeDateFormat(String content) {
        Matcher m = OFFSET.matcher(content);
        return tokens(m.matches() ? m.group(1) : content) != null;
    }

    /** {@code ${content}}: the business date in a format, with an optional offset in the format's smallest unit. */
    public String businessDate(String content) {
        String expression = "${" + content + "}";
        Matcher m = OFFSET.matcher(content);
        String format = m.matches() ? m.group(1) : content;
        List<String> tokens = tokens(format);
        if (tokens == null) {
            throw new IllegalArgumentException("unknown time expression " + expression);
        }
        if (tokens.contains("hh24") || tokens.contains("mi") || tokens.contains("ss")) {
            throw new IllegalArgumentException(expression + ": ${...} is the business date, to the day; use $[...] "
                    + "(the scheduled time) for hours, minutes and seconds, e.g. $[hh24miss]");
        }
        LocalDate date = time.bizdate();
        if (m.matches()) {
            long n = signed(m.group(2), product(m.group(3), expression));
            if (tokens.contains("dd")) {
                date = date.plusDays(n);
            } else if (tokens.contains("mm")) {
                date = date.plusMonths(n);
            } else {
                date = date.plusYears(n);
            }
        }
        return render(tokens, date.atStartOfDay());
    }

    /** {@code $[content]}: the scheduled time in a format, moved by a number of days or by {@code add_months}. */
    public String scheduledTime(String content) {
        String expression = "$[" + content + "]";
        Matcher months = ADD_MONTHS.matcher(content);
        if (months.matches()) {
            List<String> tokens = tokens(months.group(1));
            if (tokens == null) {
                throw new IllegalArgumentException("unknown time format \"" + months.group(1) + "\" in " + expression);
            }
            String n = months.group(2);
            long count = n.startsWith("-") || n.startsWith("+") ? signed(n.substring(0, 1), product(n.substring(1),
                    expression)) : product(n, expression);
            return render(tokens, time.cyctime().plusMonths(count));
        }
        Matcher m = OFFSET.matcher(content);
        String format = m.matches() ? m.group(1) : content;
        List<String> tokens = tokens(format);
        if (tokens == null) {
            throw new IllegalArgumentException("unknown time expression " + expression + "; use a format of yyyy, yy, "
                    + "mm, dd, hh24, mi, ss with an offset in days (-1, -1/24, -1/24/60) or add_months(yyyymmdd,-1)");
        }
        LocalDateTime t = time.cyctime();
        if (m.matches()) {
            t = t.plusSeconds(signed(m.group(2), daysInSeconds(m.group(3), expression)));
        }
        return render(tokens, t);
    }

    /**
     * DataWorks' built-in parameters: {@code $bizdate}, {@code $cyctime}, {@code $gmtdate}, {@code $bizmonth}. The
     * ids of a DataWorks instance ({@code $jobid}, {@code $nodeid}, {@code $taskid}) have no value here.
     */
    public String builtIn(String name) {
        return switch (name) {
            case "bizdate" -> render(List.of("yyyy", "mm", "dd"), time.bizdate().atStartOfDay());
            case "cyctime" -> render(List.of("yyyy", "mm", "dd", "hh24", "mi", "ss"), time.cyctime());
            case "gmtdate" -> render(List.of("yyyy", "mm", "dd"), time.cyctime());
            case "bizmonth" -> {
                LocalDate biz = time.bizdate();
                LocalDate now = time.cyctime().toLocalDate();
                LocalDate month = biz.getYear() == now.getYear() && biz.getMonth() == now.getMonth()
                        ? now.minusMonths(1) : biz;
                yield render(List.of("yyyy", "mm"), month.atStartOfDay());
            }
            default -> throw new IllegalArgumentException("$" + name + " is an id of a DataWorks instance and has no "
                    + "value here; pass the value you want with -p " + name + "=VALUE and write ${" + name + "}");
        };
    }

    /** The tokens and separators of a format, or null when it holds anything else. */
    private static List<String> tokens(String format) {
        if (format.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        boolean anyToken = false;
        outer:
        while (i < format.length()) {
            for (String token : TOKENS) {
                if (format.startsWith(token, i)) {
                    out.add(token);
                    i += token.length();
                    anyToken = true;
                    continue outer;
                }
            }
            char c = format.charAt(i);
            if (SEPARATORS.indexOf(c) < 0) {
                return null;
            }
            out.add(String.valueOf(c));
            i++;
        }
        return anyToken ? out : null;
    }

    private static String render(List<String> tokens, LocalDateTime t) {
        StringBuilder sb = new StringBuilder();
        for (String token : tokens) {
            switch (token) {
                case "yyyy" -> sb.append(String.format("%04d", t.getYear()));
                case "yy" -> sb.append(String.format("%02d", t.getYear() % 100));
                case "mm" -> sb.append(String.format("%02d", t.getMonthValue()));
                case "dd" -> sb.append(String.format("%02d", t.getDayOfMonth()));
                case "hh24" -> sb.append(String.format("%02d", t.getHour()));
                case "mi" -> sb.append(String.format("%02d", t.getMinute()));
                case "ss" -> sb.append(String.format("%02d", t.getSecond()));
                default -> sb.append(token);
            }
        }
        return sb.toString();
    }

    private static long signed(String sign, long n) {
        return sign.equals("-") ? -n : n;
    }

    /** {@code 7*2}: a product of whole numbers (no division in counts of days, months or years). */
    private static long product(String s, String expression) {
        long result = 1;
        for (String factor : s.split("\\*", -1)) {
            if (factor.isEmpty() || !factor.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException(expression + ": the offset \"" + s + "\" must be a whole number or "
                        + "a product such as 7*2");
            }
            result = Math.multiplyExact(result, Long.parseLong(factor));
        }
        return result;
    }

    /** {@code 1/24/60}, {@code 7*2}: days as Oracle counts them, in seconds; it must come to whole seconds. */
    private static long daysInSeconds(String s, String expression) {
        long numerator = 86_400;
        long denominator = 1;
        Matcher m = Pattern.compile("([*/]?)([0-9]+)").matcher(s);
        int end = 0;
        while (m.find() && m.start() == end) {
            long v = Long.parseLong(m.group(2));
            if (m.group(1).equals("/")) {
                if (v == 0) {
                    throw new IllegalArgumentException(expression + ": division by zero in the offset");
                }
                denominator = Math.multiplyExact(denominator, v);
            } else {
                numerator = Math.multiplyExact(numerator, v);
            }
            end = m.end();
        }
        if (end != s.length() || numerator % denominator != 0) {
            throw new IllegalArgumentException(expression + ": the offset \"" + s + "\" must be days such as 1, 7*2, "
                    + "1/24 (an hour) or 1/24/60 (a minute), coming to whole seconds");
        }
        return numerator / denominator;
    }
}
