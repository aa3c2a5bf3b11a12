package io.vectorsync.core.testplugins;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterFactory;
import io.vectorsync.api.writer.WriterTask;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Test writer "http-sink": checks in {@code prepare()} that {@code endpoint} answers, then POSTs each batch there as
 * text lines. Like the real writers, its connection errors name the endpoint as configured, credentials included,
 * which is what the masking tests need.
 */
public final class HttpSinkWriterFactory implements WriterFactory {
    static final Option<String> ENDPOINT = Option.stringOption("endpoint").required()
            .description("The HTTP endpoint batches are POSTed to.").build();

    @Override
    public String name() {
        return "http-sink";
    }

    @Override
    public String description() {
        return "POSTs records as text lines to an HTTP endpoint.";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder().add(ENDPOINT).build();
    }

    @Override
    public Writer create(PluginConfig config, PluginContext context) {
        String endpoint = config.get(ENDPOINT);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new Writer() {
            @Override
            public void bind(Schema input) {
            }

            @Override
            public void prepare() throws InterruptedException {
                send(HttpRequest.newBuilder(URI.create(endpoint)).GET().build());
            }

            @Override
            public WriterTask openTask(int streamIndex) {
                return new WriterTask() {
                    @Override
                    public void write(List<Row> batch) throws InterruptedException {
                        send(HttpRequest.newBuilder(URI.create(endpoint)).POST(HttpRequest.BodyPublishers.ofString(
                                batch.stream().map(Row::toString).collect(Collectors.joining("\n")))).build());
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            private void send(HttpRequest request) throws InterruptedException {
                try {
                    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() >= 300) {
                        throw new PluginException(CommonErrorCode.EXTERNAL_FAILED, "the sink at " + endpoint
                                + " answered HTTP " + response.statusCode());
                    }
                } catch (IOException e) {
                    throw new PluginException(CommonErrorCode.EXTERNAL_FAILED, "cannot connect to the sink at "
                            + endpoint + ": " + e, e);
                }
            }
        };
    }
}
