package io.vectorsync.core.job;

import io.vectorsync.api.config.Suggestions;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the job's {@code setting}: every key checked (see {@link JobKeys}), values parsed leniently as DataWorks
 * writes them (numbers and booleans may be strings) but strictly in range: no negative limit, no fractional count.
 */
final class SettingsParser {
    static final int MAX_CONCURRENT = 256;
    private static final List<String> STRATEGIES = List.of("ZeroTolerance", "Tolerance", "Ignore");

    private final List<JobIssue> issues;
    private final List<String> ignored;

    SettingsParser(List<JobIssue> issues, List<String> ignored) {
        this.issues = issues;
        this.ignored = ignored;
    }

    @SuppressWarnings("unchecked")
    Settings parse(Object value) {
        Settings d = Settings.defaults();
        if (value == null) {
            return d;
        }
        if (!(value instanceof Map<?, ?>)) {
            issues.add(new JobIssue("$.setting", "must be a JSON object"));
            return d;
        }
        Map<String, Object> setting = (Map<String, Object>) value;
        JobKeys.check(setting, "$.setting", JobKeys.SETTING, JobKeys.SETTING_IGNORED, issues, ignored);
        Map<String, Object> speed = object(setting.get("speed"), "$.setting.speed");
        JobKeys.check(speed, "$.setting.speed", JobKeys.SPEED, JobKeys.SPEED_IGNORED, issues, ignored);
        Map<String, Object> errorLimit = object(setting.get("errorLimit"), "$.setting.errorLimit");
        JobKeys.check(errorLimit, "$.setting.errorLimit", JobKeys.ERROR_LIMIT, JobKeys.NONE, issues, ignored);

        String concurrentKey = speed.containsKey("concurrent") || !speed.containsKey("channel") ? "concurrent" : "channel";
        Long concurrent = whole(speed.get(concurrentKey), "$.setting.speed." + concurrentKey);
        int streams = 1;
        if (concurrent != null) {
            if (concurrent < 1 || concurrent > MAX_CONCURRENT) {
                issues.add(new JobIssue("$.setting.speed." + concurrentKey, "must be between 1 and " + MAX_CONCURRENT
                        + ", was " + concurrent));
            } else {
                streams = concurrent.intValue();
            }
        }
        boolean throttle = bool(speed.get("throttle"), "$.setting.speed.throttle");
        int issuesBefore = issues.size();
        Double mbps = number(speed.get("mbps"), "$.setting.speed.mbps");
        if (mbps != null && mbps <= 0) {
            issues.add(new JobIssue("$.setting.speed.mbps", "must be a positive number of MB/s, was " + plain(mbps)));
            mbps = null;
        }
        Long record = whole(speed.get("record"), "$.setting.speed.record");
        if (record != null && record < 0) {
            issues.add(new JobIssue("$.setting.speed.record", "must be 0 (no limit) or a positive number of records "
                    + "per second, was " + record));
            record = null;
        }
        boolean mbpsReported = issues.size() > issuesBefore;
        if (throttle && mbps == null && record == null && !mbpsReported) {
            issues.add(new JobIssue("$.setting.speed.mbps", "\"throttle\": true needs \"mbps\" (MB/s for the whole job)"));
        }
        Long errorRecords = errorRecords(errorLimit);
        Double errorPercentage = number(errorLimit.get("percentage"), "$.setting.errorLimit.percentage");
        if (errorPercentage != null && (errorPercentage < 0 || errorPercentage > 1)) {
            issues.add(new JobIssue("$.setting.errorLimit.percentage", "must be a fraction between 0 and 1 (0.02 = 2%), was "
                    + plain(errorPercentage)));
            errorPercentage = null;
        }
        return new Settings(streams, throttle, throttle && mbps != null ? mbps : 0, record == null ? 0 : record,
                errorRecords, errorPercentage);
    }

    /** {@code errorLimit.record}, read together with DataWorks' {@code errorLimit.strategy}. */
    private Long errorRecords(Map<String, Object> errorLimit) {
        Long record = whole(errorLimit.get("record"), "$.setting.errorLimit.record");
        if (record != null && record < 0) {
            issues.add(new JobIssue("$.setting.errorLimit.record", "must be 0 (no dirty record allowed) or more, was "
                    + record + "; leave \"record\" out for no limit"));
            record = null;
        }
        Object strategyValue = errorLimit.get("strategy");
        if (strategyValue == null || strategyValue.toString().isBlank()) {
            return record;
        }
        String strategy = STRATEGIES.stream().filter(s -> s.equalsIgnoreCase(strategyValue.toString().trim()))
                .findFirst().orElse(null);
        String path = "$.setting.errorLimit.strategy";
        if (strategy == null) {
            String suggestion = Suggestions.closest(strategyValue.toString(), STRATEGIES);
            issues.add(new JobIssue(path, "must be one of " + STRATEGIES + ", was \"" + strategyValue + "\""
                    + (suggestion != null ? "; did you mean \"" + suggestion + "\"?" : "")));
            return record;
        }
        switch (strategy) {
            case "ZeroTolerance" -> {
                if (record != null && record != 0) {
                    issues.add(new JobIssue(path, "\"ZeroTolerance\" allows no dirty record but \"record\" is " + record
                            + "; use \"Tolerance\" to allow some"));
                }
                return 0L;
            }
            case "Tolerance" -> {
                if (record == null && !errorLimit.containsKey("record")) {
                    issues.add(new JobIssue(path, "\"Tolerance\" needs \"record\": the dirty records allowed"));
                }
                return record;
            }
            default -> {
                if (record != null) {
                    issues.add(new JobIssue(path, "\"Ignore\" allows any number of dirty records but \"record\" is "
                            + record + "; remove one of them"));
                }
                return null;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Object v, String path) {
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        issues.add(new JobIssue(path, "must be a JSON object"));
        return Map.of();
    }

    private Double number(Object v, String path) {
        if (v == null || (v instanceof String s && s.isBlank())) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            if (v instanceof String s) {
                double d = Double.parseDouble(s.trim());
                if (Double.isFinite(d)) {
                    return d;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        issues.add(new JobIssue(path, "expected a number, was " + describe(v)));
        return null;
    }

    private Long whole(Object v, String path) {
        Double d = number(v, path);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d) || Math.abs(d) > Long.MAX_VALUE / 2.0) {
            issues.add(new JobIssue(path, "expected a whole number, was " + describe(v)));
            return null;
        }
        return d.longValue();
    }

    private boolean bool(Object v, String path) {
        if (v == null || v instanceof Boolean b && !b) {
            return false;
        }
        if (v instanceof Boolean) {
            return true;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return s.equals("true");
        }
        issues.add(new JobIssue(path, "expected true or false, was " + describe(v)));
        return false;
    }

    private static String describe(Object v) {
        return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
