package io.vectorsync.core.stats;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.lang.ref.WeakReference;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hides secrets in text the core writes: log lines, error messages, previews, reports, dirty-data files. Two kinds:
 * the values a job declares secret (API keys, passwords, tokens from the job and its datasources, added with
 * {@link #add}), replaced wherever they appear, and credentials recognisable by their shape (URL user-info,
 * query-string credentials, bearer tokens; see {@link CredentialPatterns}), masked in every text.
 *
 * <p>One masker per job (the {@link io.vectorsync.core.Engine} owns one). It is thread-safe by construction: the
 * known secrets are an immutable list; {@link #add} builds a new list and swaps it in atomically, and
 * {@link #mask} reads one list once. No reader ever sees a half-built list, so a secret whose {@code add}
 * returned is masked by every later {@code mask} call, on any thread. (The previous implementation cleared and
 * refilled a shared list, and calls made meanwhile returned secrets unmasked.)
 *
 * <p>Log lines need every job's secrets, but logback's converters have no handle on a job, and a plugin's
 * own threads (HTTP clients, SDK pools) carry no job context. So every masker is also listed in a process-wide
 * registry that {@link #maskAll} reads: an immutable list of weak references, swapped atomically like the secrets,
 * so registering never disturbs a log line being masked. References are weak so that a job's masker leaves the
 * registry with the job (masking another live job's secret in a log line is harmless; keeping every masker of a
 * long-lived embedding application forever would not be).
 */
public final class SecretMasker {
    /** What a secret is replaced by. */
    public static final String MASK = "******";
    /** Shorter values would mask ordinary words and numbers everywhere; they are not treated as secrets. */
    public static final int MIN_LENGTH = 4;

    private static final AtomicReference<List<WeakReference<SecretMasker>>> ACTIVE = new AtomicReference<>(List.of());

    private final AtomicReference<List<String>> secrets = new AtomicReference<>(List.of());

    /** A new masker for one job, registered for {@link #maskAll} while it is reachable. */
    public SecretMasker() {
        register(this);
    }

    /**
     * Adds a secret value (ignored when shorter than {@link #MIN_LENGTH}). Its JSON-escaped and URL-encoded forms
     * are added too, so it is also masked inside a report's JSON and inside a URL.
     */
    public void add(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH) {
            return;
        }
        List<String> forms = List.of(secret, jsonEscaped(secret), URLEncoder.encode(secret, StandardCharsets.UTF_8));
        secrets.updateAndGet(current -> {
            Set<String> next = new LinkedHashSet<>(current);
            return next.addAll(forms) ? List.copyOf(next) : current;
        });
    }

    /**
     * Adds the credentials found in a parameter value that is not itself secret, e.g. the password in an endpoint
     * {@code http://user:pass@host} (see {@link CredentialPatterns#credentialsIn}).
     */
    public void addCredentialsIn(String value) {
        if (value != null && (value.contains("://") || value.indexOf('=') >= 0 || value.contains("earer"))) {
            CredentialPatterns.credentialsIn(value).forEach(this::add);
        }
    }

    /** {@code text} with this job's secrets and every credential-shaped part masked. */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        return CredentialPatterns.mask(maskKnown(text, List.of(secrets.get())));
    }

    /** {@code text} with the secrets of every live masker (every running job) and credential shapes masked. */
    public static String maskAll(String text) {
        if (text == null) {
            return null;
        }
        List<List<String>> snapshots = new ArrayList<>();
        for (WeakReference<SecretMasker> ref : ACTIVE.get()) {
            SecretMasker m = ref.get();
            if (m != null) {
                snapshots.add(m.secrets.get());
            }
        }
        return CredentialPatterns.mask(maskKnown(text, snapshots));
    }

    /**
     * Marks every occurrence of every secret, then replaces each marked run by one {@link #MASK}: overlapping
     * secrets ({@code abcd} and {@code cdef} in {@code abcdef}) leave no fragment behind, whatever their order.
     */
    private static String maskKnown(String text, List<List<String>> snapshots) {
        BitSet hidden = null;
        for (List<String> snapshot : snapshots) {
            for (String s : snapshot) {
                for (int i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) {
                    if (hidden == null) {
                        hidden = new BitSet(text.length());
                    }
                    hidden.set(i, i + s.length());
                }
            }
        }
        if (hidden == null) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        for (int start = hidden.nextSetBit(0); start >= 0; start = hidden.nextSetBit(i)) {
            out.append(text, i, start).append(MASK);
            i = hidden.nextClearBit(start);
        }
        return out.append(text, i, text.length()).toString();
    }

    private static void register(SecretMasker masker) {
        WeakReference<SecretMasker> ref = new WeakReference<>(masker);
        ACTIVE.updateAndGet(current -> {
            List<WeakReference<SecretMasker>> next = new ArrayList<>(current.size() + 1);
            for (WeakReference<SecretMasker> r : current) {
                if (r.get() != null) {
                    next.add(r);
                }
            }
            next.add(ref);
            return List.copyOf(next);
        });
    }

    /** The secret as a JSON string holds it (the reports and dirty-record files are written with Jackson). */
    private static String jsonEscaped(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s));
    }
}
