package io.vectorsync.core.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves script parameters and DataWorks' scheduling expressions in JSON values, in one pass over each string:
 * <ul>
 *   <li>{@code ${name}}: from {@code -p name=value} (whose value may itself be a scheduling expression, as a
 *       DataWorks parameter is assigned {@code $bizdate} or {@code $[yyyymmdd-1]}), then from the environment,
 *       then as a business-date format ({@code ${yyyymmdd}}, {@code ${yyyy-mm-dd-1}}), then DataWorks' default
 *       parameters {@code ${bizdate}}, {@code ${cyctime}}, {@code ${gmtdate}}, {@code ${bizmonth}};</li>
 *   <li>{@code $[…]} starting with a letter: the scheduled time ({@code $[yyyymmdd-1]}, {@code $[hh24miss-1/24]},
 *       {@code $[add_months(yyyymmdd,-1)]}); {@code $[0]} or {@code $['key']} (JSONPath) are left alone;</li>
 *   <li>{@code $bizdate}, {@code $cyctime}, {@code $gmtdate}, {@code $bizmonth} (and {@code $jobid}, {@code $nodeid},
 *       {@code $taskid}, which are refused).</li>
 * </ul>
 * See {@link TimeExpressions}. Unresolved names are collected with the JSON path where each appears, never left in
 * place; a malformed scheduling expression is collected as an issue naming it.
 */
public final class Placeholders {
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-+*/(),]+)}"
            + "|\\$\\[([A-Za-z][^\\]]*)]"
            + "|\\$(bizdate|cyctime|gmtdate|bizmonth|jobid|nodeid|taskid)(?![A-Za-z0-9_])");
    private static final List<String> DEFAULT_NAMES = List.of("bizdate", "cyctime", "gmtdate", "bizmonth");

    private final Map<String, String> parameters;
    private final Map<String, String> environment;
    private final TimeExpressions time;
    private final Map<String, String> missing = new LinkedHashMap<>();
    private final List<JobIssue> issues = new ArrayList<>();

    /** Placeholders with scheduling expressions evaluated against the current time. */
    public Placeholders(Map<String, String> parameters, Map<String, String> environment) {
        this(parameters, environment, SchedulingTime.now());
    }

    public Placeholders(Map<String, String> parameters, Map<String, String> environment, SchedulingTime time) {
        this.parameters = parameters;
        this.environment = environment;
        this.time = new TimeExpressions(time);
    }

    /** Resolves placeholders in every string inside {@code value} (maps and lists are walked). */
    @SuppressWarnings("unchecked")
    public Object resolve(Object value, String path) {
        if (value instanceof String s) {
            return resolveString(s, path);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                out.put(e.getKey(), resolve(e.getValue(), path + "." + e.getKey()));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(resolve(list.get(i), path + "[" + i + "]"));
            }
            return out;
        }
        return value;
    }

    private String resolveString(String s, String path) {
        if (!s.contains("$")) {
            return s;
        }
        Matcher m = EXPRESSION.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v;
            try {
                v = m.group(1) != null ? parameter(m.group(1), path) : m.group(2) != null
                        ? time.scheduledTime(m.group(2)) : time.builtIn(m.group(3));
            } catch (IllegalArgumentException | ArithmeticException e) {
                issues.add(new JobIssue(path, e.getMessage()));
                v = null;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private String parameter(String name, String path) {
        if (parameters.containsKey(name)) {
            return evaluate(parameters.get(name), name);
        }
        String v = environment.get(name);
        if (v != null) {
            return v; // environment values (often secrets) are taken as they are
        }
        if (TimeExpressions.looksLikeDateFormat(name)) {
            return time.businessDate(name);
        }
        if (DEFAULT_NAMES.contains(name)) {
            return time.builtIn(name);
        }
        missing.putIfAbsent(name, path);
        return null;
    }

    /** A {@code -p} value may be a scheduling expression, as DataWorks assigns {@code bizdate=$bizdate}. */
    private String evaluate(String value, String name) {
        if (!value.contains("$")) {
            return value;
        }
        Matcher m = EXPRESSION.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v;
            try {
                if (m.group(1) != null) {
                    v = TimeExpressions.looksLikeDateFormat(m.group(1)) ? time.businessDate(m.group(1)) : m.group();
                } else {
                    v = m.group(2) != null ? time.scheduledTime(m.group(2)) : time.builtIn(m.group(3));
                }
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IllegalArgumentException("-p " + name + ": " + e.getMessage(), e);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Unresolved names, each with the first path it appears at. */
    public Map<String, String> missing() {
        return missing;
    }

    /** Scheduling expressions that could not be evaluated, each at its JSON path. */
    public List<JobIssue> issues() {
        return issues;
    }
}
