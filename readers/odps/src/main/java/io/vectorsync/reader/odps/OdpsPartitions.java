package io.vectorsync.reader.odps;

import com.aliyun.odps.PartitionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Matches {@code partition} patterns ({@code "pt=*,ds=hz"}) against a table's partitions. */
final class OdpsPartitions {
    private OdpsPartitions() {
    }

    static boolean hasWildcard(List<String> patterns) {
        return patterns.stream().anyMatch(p -> p.indexOf('*') >= 0 || p.indexOf('?') >= 0);
    }

    /** {@code "pt='1'/ds=2"} or {@code "pt=1, ds=2"} as {@code "pt=1,ds=2"}. */
    static String normalize(String spec) {
        List<String> parts = new ArrayList<>();
        for (String kv : spec.split("[,/]")) {
            String t = kv.trim();
            if (t.isEmpty()) {
                continue;
            }
            int eq = t.indexOf('=');
            String k = eq < 0 ? t : t.substring(0, eq).trim();
            String v = eq < 0 ? "" : t.substring(eq + 1).trim();
            if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
                v = v.substring(1, v.length() - 1);
            }
            parts.add(k.toLowerCase(Locale.ROOT) + "=" + v);
        }
        return String.join(",", parts);
    }

    /** The table's partitions matching any pattern, in the table's order, each once. */
    static List<PartitionSpec> match(List<String> patterns, List<PartitionSpec> existing) {
        List<Pattern> regexes = new ArrayList<>();
        for (String p : patterns) {
            regexes.add(glob(normalize(p)));
        }
        Map<String, PartitionSpec> out = new LinkedHashMap<>();
        for (PartitionSpec spec : existing) {
            String s = normalize(spec.toString());
            for (Pattern r : regexes) {
                // a pattern naming the leading keys only ("pt=1") selects every sub-partition
                if (prefixMatch(r, s)) {
                    out.putIfAbsent(s, spec);
                    break;
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    private static boolean prefixMatch(Pattern r, String s) {
        String[] parts = s.split(",");
        StringBuilder prefix = new StringBuilder();
        for (String part : parts) {
            if (prefix.length() > 0) {
                prefix.append(',');
            }
            prefix.append(part);
            if (r.matcher(prefix).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String pattern) {
        StringBuilder sb = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> sb.append("[^,]*");
                case '?' -> sb.append("[^,]");
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(sb.toString());
    }
}
