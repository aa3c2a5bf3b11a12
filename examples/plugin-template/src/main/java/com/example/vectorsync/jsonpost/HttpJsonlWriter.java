package com.example.vectorsync.jsonpost;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.config.Secret;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Idempotence;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterTask;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The writer of one job step: checks the column list against the input at planning, then opens one
 * {@link HttpJsonlTask} per stream, all sharing one HTTP client.
 */
final class HttpJsonlWriter implements Writer {
    private final PluginContext context;
    private final URI url;
    private final String token;
    private final List<String> columns;
    private final Duration timeout;
    private final int maxAttempts;
    private HttpClient client;
    private int[] positions;
    private List<String> names;

    HttpJsonlWriter(PluginConfig config, PluginContext context) {
        this.context = context;
        this.url = URI.create(config.get(HttpJsonlOptions.URL));
        this.token = config.getIfSet(HttpJsonlOptions.TOKEN).map(Secret::reveal).orElse(null);
        this.columns = config.getIfSet(HttpJsonlOptions.COLUMN).orElse(null);
        this.timeout = Duration.ofSeconds(config.get(HttpJsonlOptions.TIMEOUT_SECONDS));
        this.maxAttempts = config.get(HttpJsonlOptions.MAX_ATTEMPTS);
    }

    /** Offline: every configured column must be a field of the input; the error names the first that is not. */
    @Override
    public void bind(Schema input) {
        List<String> wanted = columns != null ? columns : input.names();
        positions = new int[wanted.size()];
        names = new ArrayList<>(wanted);
        for (int i = 0; i < wanted.size(); i++) {
            positions[i] = input.indexOf(wanted.get(i));
            if (positions[i] < 0) {
                throw new PluginException(CommonErrorCode.COLUMN_NOT_FOUND, "step \"" + context.stepName()
                        + "\": column \"" + wanted.get(i) + "\" is not a field of the input; the input has "
                        + input.names() + ". Fix \"column\" or the upstream step.");
            }
        }
    }

    @Override
    public synchronized WriterTask openTask(int streamIndex) {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(timeout).build();
        }
        return new HttpJsonlTask(client, url, token, timeout, maxAttempts, names, positions, context);
    }

    /** A POST that is repeated is received twice: the receiver would have to deduplicate. */
    @Override
    public Idempotence idempotence() {
        return Idempotence.no("every batch is POSTed as it comes, so a replayed record is sent again; rerun the whole"
                + " job instead of resuming, or make the receiver deduplicate by an id column");
    }

    @Override
    public void close() {
        client = null; // java.net.http.HttpClient frees its threads when unreachable (close() is Java 21)
    }
}
