package io.vectorsync.transformer.embedding;

import io.vectorsync.api.error.PluginException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The step's {@code persistentCache} parameter: {@code {"path": DIR}} (default
 * {@code ~/.vectorsync/embedding-cache}), {@code {"enabled": false}}, {@code {"maxSizeMb": N}} (default 1024), or
 * {@code {"url": "jdbc:postgresql://…", "user": …}} for a store shared by several machines (its password in the
 * secret step parameter {@code persistentCachePassword}, so it is masked like every secret).
 *
 * <p>The default directory can be moved with the system property {@value #DIR_PROPERTY} or the environment
 * variable {@value #DIR_ENV} (tests point it at a temporary directory so they never touch the user's cache).
 */
record PersistentCacheSettings(boolean enabled, Path path, long maxSizeMb, String url, String user, String password) {
    static final String DIR_PROPERTY = "vectorsync.embeddingCache.dir";
    static final String DIR_ENV = "VECTORSYNC_EMBEDDING_CACHE_DIR";
    static final long DEFAULT_MAX_SIZE_MB = 1024;
    private static final Set<String> KEYS = Set.of("enabled", "path", "maxSizeMb", "url", "user");

    static Path defaultPath() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(DIR_ENV);
        }
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        return Path.of(System.getProperty("user.home"), ".vectorsync", "embedding-cache");
    }

    /** Reads the parameter's object (null = not set: on, at the default path). */
    static PersistentCacheSettings from(String step, Map<String, Object> raw, String password) {
        if (raw == null) {
            return new PersistentCacheSettings(true, defaultPath(), DEFAULT_MAX_SIZE_MB, null, null, password);
        }
        for (String k : raw.keySet()) {
            if (!KEYS.contains(k)) {
                throw invalid(step, k, "unknown key; expected some of " + KEYS
                        + (k.equals("password") ? " (the password goes in the secret parameter persistentCachePassword)" : ""));
            }
        }
        boolean enabled = bool(step, raw, "enabled", true);
        Object p = raw.get("path");
        Path path = p == null ? defaultPath() : Path.of(String.valueOf(p));
        long maxSizeMb = DEFAULT_MAX_SIZE_MB;
        Object m = raw.get("maxSizeMb");
        if (m != null) {
            try {
                maxSizeMb = Long.parseLong(String.valueOf(m).trim());
            } catch (NumberFormatException e) {
                throw invalid(step, "maxSizeMb", "expected a whole number of megabytes, got " + m);
            }
            if (maxSizeMb <= 0) {
                throw invalid(step, "maxSizeMb", "must be positive (use \"enabled\": false to turn the cache off)");
            }
        }
        Object url = raw.get("url");
        if (url != null && !String.valueOf(url).startsWith("jdbc:postgresql:")) {
            throw invalid(step, "url", "expected a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), got " + url);
        }
        return new PersistentCacheSettings(enabled, path, maxSizeMb, url == null ? null : String.valueOf(url),
                str(raw.get("user")), password);
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static boolean bool(String step, Map<String, Object> raw, String key, boolean dflt) {
        Object v = raw.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw invalid(step, key, "expected true or false, got " + v);
    }

    private static PluginException invalid(String step, String key, String problem) {
        return PluginException.config("persistentCache." + key, problem + " (step " + step + ")");
    }

    @Override
    public String toString() { // never the password
        return "PersistentCacheSettings[enabled=" + enabled + ", path=" + path + ", maxSizeMb=" + maxSizeMb
                + ", url=" + url + "]";
    }
}
