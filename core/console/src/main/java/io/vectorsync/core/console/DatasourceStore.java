package io.vectorsync.core.console;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vectorsync.api.PluginKind;
import io.vectorsync.core.plugin.LoadedPlugin;
import io.vectorsync.core.plugin.PluginRegistry;
import io.vectorsync.core.stats.SecretMasker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The work directory's {@code conf/datasources.json}: named connections. Secret values (the plugin's secret
 * options, and keys that look like passwords or tokens) are never sent back once saved: they read as
 * {@code ******}, and saving {@code ******} (or leaving the key out) keeps the stored value.
 */
final class DatasourceStore {
    private final SecretMasker masker;
    static final String MASK = "******";
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|token|apikey|api_key|accesskey|credential).*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]+}");

    private final Path file;
    private final PluginRegistry plugins;
    private final ObjectMapper mapper;

    DatasourceStore(WorkDir workDir, PluginRegistry plugins, ObjectMapper mapper, SecretMasker masker) {
        this.masker = masker;
        this.file = workDir.datasourcesFile();
        this.plugins = plugins;
        this.mapper = mapper;
    }

    /** {@code GET /api/datasources}: [{name, type, entry (secrets masked), secretKeys}]. */
    synchronized List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        read().forEach((name, entry) -> out.add(view(name, entry)));
        return out;
    }

    /** Adds or replaces one entry; masked or missing secrets keep their stored values. */
    synchronized Map<String, Object> put(String name, Map<String, Object> entry) {
        WorkDir.name(name, "datasource");
        if (!(entry.get("type") instanceof String type) || type.isBlank()) {
            throw new ConsoleException(400, "a datasource needs a \"type\" (the plugin it connects, e.g. milvus)");
        }
        Map<String, Map<String, Object>> all = read();
        Map<String, Object> old = all.getOrDefault(name, Map.of());
        Map<String, Object> merged = new LinkedHashMap<>(entry);
        for (String key : secretKeys(merged)) {
            Object v = merged.get(key);
            if ((v == null || MASK.equals(v)) && old.containsKey(key)) {
                merged.put(key, old.get(key));
            } else if (MASK.equals(v)) {
                merged.remove(key);
            }
        }
        all.put(name, merged);
        write(all);
        return view(name, merged);
    }

    synchronized boolean delete(String name) {
        Map<String, Map<String, Object>> all = read();
        boolean removed = all.remove(WorkDir.name(name, "datasource")) != null;
        if (removed) {
            write(all);
        }
        return removed;
    }

    private Map<String, Object> view(String name, Map<String, Object> entry) {
        Set<String> secrets = secretKeys(entry);
        Map<String, Object> masked = new LinkedHashMap<>();
        entry.forEach((k, v) -> {
            boolean hide = secrets.contains(k) && v != null && !PLACEHOLDER.matcher(String.valueOf(v)).matches();
            if (hide) {
                masker.add(String.valueOf(v));
            }
            masked.put(k, hide ? MASK : v);
        });
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("type", entry.get("type"));
        m.put("entry", masked);
        m.put("secretKeys", List.copyOf(secrets));
        return m;
    }

    /** The plugin's declared secret options (reader or writer of that type), plus password-like keys. */
    private Set<String> secretKeys(Map<String, Object> entry) {
        Set<String> keys = new LinkedHashSet<>();
        if (entry.get("type") instanceof String type) {
            for (PluginKind kind : List.of(PluginKind.READER, PluginKind.WRITER)) {
                try {
                    plugins.find(kind, type).map(LoadedPlugin::factory).ifPresent(f -> keys.addAll(f.configSpec().secretKeys()));
                } catch (RuntimeException e) {
                    // a broken plugin must not expose secrets: the key pattern below still applies
                }
            }
        }
        for (String k : entry.keySet()) {
            if (SECRET_KEY.matcher(k).matches()) {
                keys.add(k);
            }
        }
        return keys;
    }

    private Map<String, Map<String, Object>> read() {
        if (!Files.exists(file)) {
            return new LinkedHashMap<>();
        }
        try {
            return mapper.readValue(Files.readString(file), new TypeReference<LinkedHashMap<String, Map<String, Object>>>() { });
        } catch (IOException e) {
            throw new ConsoleException(500, file + " is not a JSON object of named entries: " + e.getMessage());
        }
    }

    private void write(Map<String, Map<String, Object>> all) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, mapper.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(all));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
