package io.vectorsync.core.job;

import io.vectorsync.api.config.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * DataX's plugin names and what each becomes here. Our plugins already take DataX's parameter names (and declare
 * DataX's other spellings as aliases: {@code odpsServer}, {@code truncate}, {@code accessId}…), so a mapping only
 * renames the step, fills DataX's defaults where ours differ, and reshapes what DataX nests differently (the RDBMS
 * writers' {@code connection[0].jdbcUrl} / {@code table[0]}). Keys DataX reads that have no effect here are accepted
 * and listed by {@code validate}; every other key reaches the plugin, which refuses what it does not know.
 */
final class DataxPlugins {
    /** How one DataX plugin becomes one of our steps. */
    record Mapping(String dataxName, String stepType, String category, Map<String, Object> defaults,
                   Set<String> ignoredKeys, boolean jdbcConnection) {

        /** DataX's parameters in our plugin's spelling; issues and ignored keys at DataX's paths. */
        @SuppressWarnings("unchecked")
        Map<String, Object> parameters(Map<String, Object> parameter, String path, List<JobIssue> issues,
                                       List<String> ignored) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : parameter.entrySet()) {
                if (ignoredKeys.contains(e.getKey())) {
                    ignored.add(path + "." + e.getKey());
                } else if (jdbcConnection && e.getKey().equals("connection")) {
                    connection(e.getValue(), path + ".connection", out, issues);
                } else {
                    out.put(e.getKey(), e.getValue());
                }
            }
            defaults.forEach(out::putIfAbsent);
            if (!stepType.equals("stream") && out.get("column") instanceof List<?> columns) {
                out.put("column", booleanTypes((List<Object>) columns));
            }
            return out;
        }

        /** DataX's RDBMS writers: {@code "connection": [{"jdbcUrl": "…", "table": ["t"]}]}, one table. */
        @SuppressWarnings("unchecked")
        private static void connection(Object value, String path, Map<String, Object> out, List<JobIssue> issues) {
            if (!(value instanceof List<?> list) || list.size() != 1 || !(list.get(0) instanceof Map<?, ?> c)) {
                issues.add(new JobIssue(path, "must be a list with one "
                        + "{\"jdbcUrl\": \"jdbc:postgresql://host:port/db\","
                        + " \"table\": [\"name\"]}"));
                return;
            }
            Map<String, Object> connection = (Map<String, Object>) c;
            for (String key : connection.keySet()) {
                if (!key.equals("jdbcUrl") && !key.equals("table")) {
                    issues.add(new JobIssue(path + "[0]." + key, "unknown key; known keys here are jdbcUrl, table"));
                }
            }
            Object url = connection.get("jdbcUrl");
            out.put("jdbcUrl", url instanceof List<?> urls && urls.size() == 1 ? urls.get(0) : url);
            Object table = connection.get("table");
            if (table instanceof List<?> tables) {
                if (tables.size() != 1) {
                    issues.add(new JobIssue(path + "[0].table", "must name one table, names " + tables.size()));
                    return;
                }
                table = tables.get(0);
            }
            out.put("table", table);
        }

        /** DataX's streamreader says {@code "bool"}; the file and table readers here say {@code "boolean"}. */
        @SuppressWarnings("unchecked")
        private static List<Object> booleanTypes(List<Object> columns) {
            List<Object> out = new ArrayList<>(columns.size());
            for (Object column : columns) {
                if (column instanceof Map<?, ?> m && m.get("type") instanceof String t
                        && t.trim().equalsIgnoreCase("bool")) {
                    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) m);
                    copy.put("type", "boolean");
                    out.add(copy);
                } else {
                    out.add(column);
                }
            }
            return out;
        }
    }

    /**
     * DataX's txtfilewriter writes text, "," between values, no header line, a null as the word {@code null}
     * (UnstructuredStorageWriterUtil: a missing nullFormat prints "null") and dates as core.json's datetimeFormat.
     * Its readers have no nullFormat default.
     */
    private static final Map<String, Object> DATAX_TEXT_WRITE = Map.of("fileFormat", "text", "fieldDelimiter", ",",
            "nullFormat", "null", "header", List.of(), "dateFormat", "yyyy-MM-dd HH:mm:ss");
    /** Tuning keys of DataX's file readers with no effect here (buffers, retries, DataX's own split sizes). */
    private static final Set<String> FILE_READER_IGNORED = Set.of("bufferSize", "maxRetryTime", "retryInterval",
            "retryTime", "blockSizeInByte", "balanceThreshold");

    private static final List<Mapping> MAPPINGS = List.of(
            new Mapping("streamreader", "stream", "reader", Map.of(), Set.of(), false),
            new Mapping("txtfilereader", "localfile", "reader", Map.of(), FILE_READER_IGNORED, false),
            new Mapping("ossreader", "oss", "reader", Map.of(), FILE_READER_IGNORED, false),
            new Mapping("hdfsreader", "hdfs", "reader", Map.of(), FILE_READER_IGNORED, false),
            new Mapping("odpsreader", "odps", "reader", Map.of(), Set.of("isCompress", "maxRetryTime"), false),
            new Mapping("streamwriter", "stream", "writer", Map.of(), Set.of(), false),
            new Mapping("txtfilewriter", "localfile", "writer", DATAX_TEXT_WRITE, Set.of(), false),
            new Mapping("elasticsearchwriter", "elasticsearch", "writer", Map.of(), Set.of("masterTimeout"), false),
            new Mapping("milvuswriter", "milvus", "writer", Map.of(), Set.of(), false),
            new Mapping("hologresjdbcwriter", "holo", "writer", Map.of(), Set.of("client"), true),
            new Mapping("hologreswriter", "holo", "writer", Map.of(), Set.of("client"), true));

    private DataxPlugins() {
    }

    /** The mapping of DataX plugin {@code name} (case-insensitive) for {@code category}, or null. */
    static Mapping find(String name, String category) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return MAPPINGS.stream().filter(m -> m.dataxName().equals(n) && m.category().equals(category))
                .findFirst().orElse(null);
    }

    /** All mappings, for the README table and tests. */
    static List<Mapping> all() {
        return MAPPINGS;
    }

    /** The message for a DataX plugin with no equivalent here: its name and the supported ones. */
    static String unsupported(Object name, String category) {
        Set<String> supported = new TreeSet<>();
        MAPPINGS.stream().filter(m -> m.category().equals(category)).forEach(m -> supported.add(m.dataxName()));
        if (!(name instanceof String n) || n.isBlank()) {
            return "required: the DataX " + category + " plugin, one of " + String.join(", ", supported);
        }
        String suggestion = Suggestions.closest(n, supported);
        return "DataX " + category + " \"" + n + "\" has no equivalent here"
                + (suggestion != null ? "; did you mean \"" + suggestion + "\"?" : "")
                + "; supported DataX " + category + "s: " + String.join(", ", supported);
    }
}
