package com.example.vectorsync.jsonpost;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.Secret;
import java.net.URI;
import java.util.List;

/**
 * The writer's parameters. Declared once: the core validates a job against them before the plugin is created,
 * masks the secret, and `vectorsync plugins describe http-jsonl` renders them.
 */
final class HttpJsonlOptions {
    static final Option<String> URL = Option.stringOption("url").required()
            .check(HttpJsonlOptions::isHttpUrl, "is not an http(s) URL; write it like \"https://host:port/path\"")
            .description("Where each batch is POSTed, as JSON lines (Content-Type application/x-ndjson).")
            .build();

    static final Option<Secret> TOKEN = Option.secretOption("token")
            .description("Sent as \"Authorization: Bearer <token>\" when set. Never logged.")
            .build();

    static final Option<List<String>> COLUMN = Option.stringListOption("column")
            .description("The fields to send, in this order. Unset: every field of the input.")
            .build();

    static final Option<Integer> TIMEOUT_SECONDS = Option.intOption("timeoutSeconds").defaultValue(30)
            .check(s -> s > 0, "must be positive")
            .description("How long one POST may take.")
            .build();

    static final Option<Integer> MAX_ATTEMPTS = Option.intOption("maxAttempts").defaultValue(4)
            .check(n -> n >= 1, "must be at least 1")
            .description("Tries per batch when the server answers 429 or 5xx or cannot be reached, with back-off.")
            .build();

    static final ConfigSpec SPEC = ConfigSpec.builder().add(URL, TOKEN, COLUMN, TIMEOUT_SECONDS, MAX_ATTEMPTS).build();

    private HttpJsonlOptions() {
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI u = URI.create(s);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
