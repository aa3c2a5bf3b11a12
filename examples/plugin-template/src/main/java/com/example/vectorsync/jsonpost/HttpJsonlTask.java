package com.example.vectorsync.jsonpost;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.SparseVector;
import io.vectorsync.api.writer.WriterTask;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.TemporalAccessor;
import java.util.List;

/**
 * Writes one stream: each batch becomes one POST of JSON lines. Server errors, throttling and unreachable
 * servers are retried with back-off; a 4xx answer fails the job with the server's message.
 */
final class HttpJsonlTask implements WriterTask {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client;
    private final URI url;
    private final String token;
    private final Duration timeout;
    private final int maxAttempts;
    private final List<String> names;
    private final int[] positions;
    private final PluginContext context;

    HttpJsonlTask(HttpClient client, URI url, String token, Duration timeout, int maxAttempts, List<String> names,
                  int[] positions, PluginContext context) {
        this.client = client;
        this.url = url;
        this.token = token;
        this.timeout = timeout;
        this.maxAttempts = maxAttempts;
        this.names = names;
        this.positions = positions;
        this.context = context;
    }

    @Override
    public void write(List<Row> batch) throws IOException, InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        byte[] body = jsonLines(batch);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        post(request.build(), batch.size());
        context.metrics().counter("http-jsonl.posts").add(1);
    }

    private void post(HttpRequest request, int rows) throws InterruptedException {
        String last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                Thread.sleep(Math.min(5_000L, 100L << (attempt - 2))); // gives up on interrupt, as the core asks
            }
            try {
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                int status = r.statusCode();
                if (status / 100 == 2) {
                    return;
                }
                last = "HTTP " + status + ": " + shorten(r.body());
                if (status != 429 && status / 100 != 5) {
                    throw new PluginException(status == 401 || status == 403 ? CommonErrorCode.AUTH_FAILED
                            : CommonErrorCode.EXTERNAL_FAILED, "step \"" + context.stepName() + "\": " + url
                            + " refused a batch of " + rows + " record(s) with " + last);
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
        }
        throw new PluginException(CommonErrorCode.EXTERNAL_TRANSIENT, "step \"" + context.stepName() + "\": " + url
                + " did not take a batch of " + rows + " record(s) in " + maxAttempts + " attempt(s); last: " + last
                + ". Check the server, or raise maxAttempts or timeoutSeconds.");
    }

    private byte[] jsonLines(List<Row> batch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * batch.size());
        for (Row row : batch) {
            try (JsonGenerator g = MAPPER.createGenerator(out)) {
                g.writeStartObject();
                for (int i = 0; i < positions.length; i++) {
                    g.writeFieldName(names.get(i));
                    writeValue(g, row.get(positions[i]));
                }
                g.writeEndObject();
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** Vectors as arrays, sparse vectors as {indices, values}, dates as ISO-8601 text, bytes as base64. */
    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Integer
                || v instanceof Double || v instanceof Float || v instanceof BigDecimal || v instanceof float[]
                || v instanceof byte[]) {
            MAPPER.writeValue(g, v);
        } else if (v instanceof SparseVector s) {
            g.writeStartObject();
            g.writeArrayFieldStart("indices");
            for (int i = 0; i < s.size(); i++) {
                g.writeNumber(s.index(i));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("values");
            for (int i = 0; i < s.size(); i++) {
                g.writeNumber(s.value(i));
            }
            g.writeEndArray();
            g.writeEndObject();
        } else if (v instanceof TemporalAccessor) {
            g.writeString(v.toString());
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    private static String shorten(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }

    /** Every batch was sent when write() returned: nothing is buffered, and what was sent cannot be taken back. */
    @Override
    public void abort(Throwable cause) {
    }

    @Override
    public void close() {
    }
}
