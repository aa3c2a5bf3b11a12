package io.vectorsync.core.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${name}} script parameters in JSON values: first from {@code -p name=value}, then from the
 * environment. Unresolved names are collected (with the JSON path where each appears), never left in place.
 */
public final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)}");

    private final Function<String, String> lookup;
    private final Map<String, String> missing = new LinkedHashMap<>();

    public Placeholders(Map<String, String> parameters, Map<String, String> environment) {
        this.lookup = name -> parameters.containsKey(name) ? parameters.get(name) : environment.get(name);
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
        if (!s.contains("${")) {
            return s;
        }
        Matcher m = PLACEHOLDER.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String v = lookup.apply(name);
            if (v == null) {
                missing.putIfAbsent(name, path);
                v = m.group();
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
}
