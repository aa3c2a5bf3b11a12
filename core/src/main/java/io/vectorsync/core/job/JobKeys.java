package io.vectorsync.core.job;

import io.vectorsync.api.config.Suggestions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys a job may hold outside plugin parameters: those the core reads, and the keys DataWorks writes that have
 * no effect here, which are accepted and ignored (and listed by {@code validate}) so a job exported from DataWorks
 * runs unchanged. Any other key is an error with a did-you-mean: a typo such as {@code errorLimit.records} must not
 * silently turn the error limit off.
 *
 * <p>Where the ignored keys come from: DataWorks' code-editor samples and its channel-control reference
 * ({@code setting.executeMode}, {@code failoverEnable}, {@code jvmOption}, {@code jvmMemory}, {@code locale},
 * {@code common.column.timeZone}), the legacy resource sizing {@code speed.dmu}, the envelope keys of scripts
 * returned by DataWorks' API ({@code extend}, {@code nodeDef}, {@code transform}) and its step keys for the
 * canvas ({@code gui}, {@code description}).
 */
final class JobKeys {
    static final Set<String> TOP = Set.of("type", "version", "steps", "setting", "order");
    static final Set<String> TOP_IGNORED = Set.of("transform", "extend", "nodeDef");
    static final Set<String> STEP = Set.of("stepType", "category", "name", "displayName", "parameter");
    static final Set<String> STEP_IGNORED = Set.of("description", "gui");
    static final Set<String> SETTING = Set.of("speed", "errorLimit");
    static final Set<String> SETTING_IGNORED = Set.of("executeMode", "failoverEnable", "jvmOption", "jvmMemory",
            "locale", "common");
    static final Set<String> SPEED = Set.of("concurrent", "channel", "throttle", "mbps", "record");
    static final Set<String> SPEED_IGNORED = Set.of("dmu");
    static final Set<String> ERROR_LIMIT = Set.of("record", "percentage", "strategy");
    static final Set<String> ORDER = Set.of("hops");
    static final Set<String> HOP = Set.of("from", "to");
    static final Set<String> NONE = Set.of();

    private JobKeys() {
    }

    /**
     * Checks the keys of the object at {@code path}: unknown ones become issues with a did-you-mean, ignored ones
     * are added to {@code ignoredPaths}.
     */
    static void check(Map<String, Object> object, String path, Set<String> known, Set<String> ignored,
                      List<JobIssue> issues, List<String> ignoredPaths) {
        for (String key : object.keySet()) {
            if (known.contains(key)) {
                continue;
            }
            if (ignored.contains(key)) {
                ignoredPaths.add(path + "." + key);
                continue;
            }
            Set<String> candidates = new TreeSet<>(known);
            candidates.addAll(ignored);
            String suggestion = Suggestions.closest(key, candidates);
            issues.add(new JobIssue(path + "." + key, "unknown key; " + (suggestion != null
                    ? "did you mean \"" + suggestion + "\"?" : "known keys here are " + String.join(", ", candidates))));
        }
    }
}
