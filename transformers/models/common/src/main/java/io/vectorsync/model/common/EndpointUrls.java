package io.vectorsync.model.common;

import java.util.Locale;

/** Joins a configured endpoint and a request path leniently (trailing slashes, an endpoint that is already the full URL). */
public final class EndpointUrls {
    private EndpointUrls() {
    }

    /**
     * {@code base} + {@code path}, unless {@code base} already ends with {@code path} or with one of
     * {@code fullUrlSuffixes} (the user pasted the whole request URL).
     */
    public static String join(String base, String path, String... fullUrlSuffixes) {
        String b = stripSlashes(base.strip());
        String lower = b.toLowerCase(Locale.ROOT);
        String p = path.isEmpty() || path.startsWith("/") ? path : "/" + path;
        if (!p.isEmpty() && lower.endsWith(stripSlashes(p).toLowerCase(Locale.ROOT))) {
            return b;
        }
        for (String suffix : fullUrlSuffixes) {
            if (lower.endsWith(suffix.toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        return b + p;
    }

    /** Without trailing slashes. */
    public static String stripSlashes(String s) {
        String r = s;
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }
}
