package io.vectorsync.model.common;

import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.config.Secret;
import io.vectorsync.api.error.PluginException;
import java.util.Optional;

/**
 * Parameters every HTTP embedding provider accepts. The names are the embedding step's
 * ({@code modelName}, {@code apiKey}, {@code endpoint}, {@code dimension}); each provider builds its own
 * instances with these helpers so the description can say what the value means for that provider.
 */
public final class HttpModelOptions {
    /** Milliseconds to wait for a TCP/TLS connection. */
    public static final Option<Integer> CONNECT_TIMEOUT_MS = Option.intOption("connectTimeoutMs")
            .defaultValue(10_000)
            .check(n -> n > 0, "must be positive")
            .description("Milliseconds to wait for the connection to the model service; a timeout is retried by the "
                    + "embedding step.")
            .build();

    /** Milliseconds to wait for the reply once the request is sent. */
    public static final Option<Integer> READ_TIMEOUT_MS = Option.intOption("readTimeoutMs")
            .defaultValue(60_000)
            .check(n -> n > 0, "must be positive")
            .description("Milliseconds to wait for the model's reply (and between reply bytes); a timeout is "
                    + "retried by the embedding step.")
            .build();

    private HttpModelOptions() {
    }

    /** {@code modelName}, required. */
    public static Option<String> modelName(String description) {
        return Option.stringOption("modelName").required()
                .check(s -> !s.isBlank(), "must not be blank")
                .description(description).build();
    }

    /** {@code modelName} with a default. */
    public static Option<String> modelName(String description, String defaultValue) {
        return Option.stringOption("modelName").defaultValue(defaultValue)
                .check(s -> !s.isBlank(), "must not be blank")
                .description(description).build();
    }

    /** {@code apiKey}, a secret. */
    public static Option<Secret> apiKey(boolean required, String description) {
        Option.Builder<Secret> b = Option.secretOption("apiKey").description(description)
                .check(s -> !s.reveal().isBlank(), "must not be blank");
        return (required ? b.required() : b).build();
    }

    /** {@code endpoint}: a URL, required or with a default. */
    public static Option<String> endpoint(String defaultValue, String description) {
        Option.Builder<String> b = Option.stringOption("endpoint").description(description)
                .check(HttpModelOptions::isHttpUrl, "must be an http:// or https:// URL");
        return (defaultValue == null ? b.required() : b.defaultValue(defaultValue)).build();
    }

    /** {@code dimension}: no default here, since the default depends on the model. */
    public static Option<Integer> dimension(String description) {
        return Option.intOption("dimension").check(n -> n > 0, "must be positive").description(description).build();
    }

    /** {@code maxRowsPerCall}: how many texts one request may carry. */
    public static Option<Integer> maxRowsPerCall(int defaultValue, String description) {
        return Option.intOption("maxRowsPerCall").defaultValue(defaultValue)
                .check(n -> n > 0, "must be positive").description(description).build();
    }

    /** The API key, or empty when not set or blank. */
    public static Optional<String> secret(PluginConfig config, Option<Secret> option) {
        Secret s = config.get(option);
        return s == null || s.reveal().isBlank() ? Optional.empty() : Optional.of(s.reveal().strip());
    }

    /**
     * Headers carrying {@code value} as {@code Authorization}; a value that is not a valid header (a line break,
     * non-ASCII characters) is a config error on {@code apiKey} that does not show the value.
     */
    public static okhttp3.Headers authorization(String value) {
        try {
            return new okhttp3.Headers.Builder().add("Authorization", value).build();
        } catch (IllegalArgumentException e) {
            throw PluginException.config("apiKey", "contains a character not allowed in an HTTP header "
                    + "(a line break or a non-ASCII character?); paste the key again");
        }
    }

    /** Timeouts as the client settings. */
    public static ModelHttpClient.Settings timeouts(PluginConfig config) {
        return new ModelHttpClient.Settings(config.get(CONNECT_TIMEOUT_MS), config.get(READ_TIMEOUT_MS));
    }

    /** Fails with a config error naming {@code parameter} when {@code ok} is false. */
    public static void require(boolean ok, String parameter, String problem) {
        if (!ok) {
            throw PluginException.config(parameter, problem);
        }
    }

    static boolean isHttpUrl(String s) {
        String t = s.strip().toLowerCase(java.util.Locale.ROOT);
        return (t.startsWith("http://") || t.startsWith("https://")) && okhttp3.HttpUrl.parse(s.strip()) != null;
    }
}
