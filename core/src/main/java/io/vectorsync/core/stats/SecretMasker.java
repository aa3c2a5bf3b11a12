package io.vectorsync.core.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replaces every known secret value (API keys, passwords, tokens from the job and its datasources) by
 * {@code ******} in text the core writes: log lines, error messages, previews, reports, dirty-data files.
 * One per process: the log encoder reads the {@link #global()} one.
 */
public final class SecretMasker {
    private static final SecretMasker GLOBAL = new SecretMasker();
    private static final int MIN_LENGTH = 4; // shorter values would mask ordinary words

    private final List<String> secrets = new CopyOnWriteArrayList<>();

    public static SecretMasker global() {
        return GLOBAL;
    }

    public void add(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH && !secrets.contains(secret)) {
            List<String> sorted = new ArrayList<>(secrets);
            sorted.add(secret);
            sorted.sort(Comparator.comparingInt(String::length).reversed()); // longest first: no partial leftovers
            secrets.clear();
            secrets.addAll(sorted);
        }
    }

    public String mask(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) {
                out = out.replace(s, "******");
            }
        }
        return out;
    }
}
