package io.vectorsync.writer.ha3;

import io.vectorsync.api.Metrics;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.writer.WriterTask;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Buffers the commands of one stream and pushes them {@code batchSize} at a time (and at most
 * {@code maxRequestBytes} per request). Throttling, timeouts, 5xx and network errors are retried with
 * exponential back-off; a push refused because of its documents is split in halves until the refused documents
 * are alone, and those become dirty records with the engine's message.
 */
final class Ha3WriterTask implements WriterTask {
    private final Ha3Client client;
    private final Ha3Documents documents;
    private final PluginContext context;
    private final int batchSize;
    private final int maxRequestBytes;
    private final int maxRetries;
    private final long retryIntervalMs;
    private final boolean ignoreWriteError;
    private final Metrics.Counter written;
    private final Metrics.Counter throttled;
    private final Metrics.Counter retries;
    private final List<Ha3Documents.Encoded> buffer = new ArrayList<>();

    Ha3WriterTask(Ha3Client client, Ha3Documents documents, PluginContext context, Ha3Settings settings) {
        this.client = client;
        this.documents = documents;
        this.context = context;
        this.batchSize = settings.batchSize();
        this.maxRequestBytes = settings.maxRequestBytes();
        this.maxRetries = settings.maxRetries();
        this.retryIntervalMs = settings.retryIntervalMs();
        this.ignoreWriteError = settings.ignoreWriteError();
        this.written = context.metrics().counter("rowsWritten");
        this.throttled = context.metrics().counter(Metrics.THROTTLED);
        this.retries = context.metrics().counter(Metrics.RETRIES);
    }

    @Override
    public void write(List<Row> batch) throws Exception {
        for (Row row : batch) {
            Ha3Documents.Encoded e = documents.encode(row);
            if (e.problem() != null) {
                context.dirtyRecords().report(row, Ha3ErrorCode.VALUE_INVALID, e.problem());
                continue;
            }
            buffer.add(e);
            if (buffer.size() >= batchSize) {
                drain();
            }
        }
    }

    @Override
    public void flush() throws Exception {
        drain();
    }

    /** The job failed or is being cancelled: what is buffered is dropped, never pushed. */
    @Override
    public void abort(Throwable cause) {
        buffer.clear();
    }

    @Override
    public void close() {
        buffer.clear();
    }

    private void drain() throws Exception {
        List<Ha3Documents.Encoded> pending = new ArrayList<>(buffer);
        buffer.clear();
        List<Ha3Documents.Encoded> request = new ArrayList<>();
        int bytes = 2;
        for (Ha3Documents.Encoded e : pending) {
            int size = e.json().length + 1;
            if (!request.isEmpty() && bytes + size > maxRequestBytes) {
                send(request);
                request = new ArrayList<>();
                bytes = 2;
            }
            request.add(e);
            bytes += size;
        }
        if (!request.isEmpty()) {
            send(request);
        }
    }

    /** Pushes {@code docs}, retrying transient failures, bisecting refusals down to the refused documents. */
    private void send(List<Ha3Documents.Encoded> docs) throws Exception {
        for (int attempt = 0; ; attempt++) {
            if (context.stopRequested() || Thread.currentThread().isInterrupted()) {
                throw new PluginException(CommonErrorCode.CANCELLED, "push to table " + client.tablePath()
                        + " stopped: the job is stopping; " + docs.size() + " buffered documents were not pushed");
            }
            Ha3Reply reply;
            try {
                reply = client.push(docs.stream().map(Ha3Documents.Encoded::json).toList());
            } catch (IOException e) {
                reply = Ha3Reply.network(e);
            }
            switch (reply.kind()) {
                case OK -> {
                    written.add(docs.size());
                    return;
                }
                case AUTH -> throw new PluginException(Ha3ErrorCode.AUTH_FAILED, "the Vector Search Edition "
                        + "instance at " + client.endpoint() + " refused the user name or password ("
                        + reply.describe() + "); check username/password (accessId/accessKey): they are the "
                        + "instance's API user from Instance Details > API Endpoint, not an AccessKey pair");
                case NOT_FOUND -> throw new PluginException(Ha3ErrorCode.TABLE_NOT_FOUND, "table "
                        + client.tablePath() + " was not found at " + client.endpoint() + " (" + reply.describe()
                        + "); the push API names tables {instanceId}_{table}: check table and instanceId");
                case REJECTED -> {
                    if (docs.size() > 1) {
                        int half = docs.size() / 2;
                        send(new ArrayList<>(docs.subList(0, half)));
                        send(new ArrayList<>(docs.subList(half, docs.size())));
                    } else {
                        context.dirtyRecords().report(docs.get(0).row(), Ha3ErrorCode.DOCUMENT_REJECTED,
                                "the engine refused the document: " + reply.describe());
                    }
                    return;
                }
                case FATAL -> {
                    giveUp(docs, reply, Ha3ErrorCode.PUSH_FAILED, "refused the push");
                    return;
                }
                case RETRY -> {
                    if (attempt >= maxRetries) {
                        giveUp(docs, reply, Ha3ErrorCode.THROTTLED, "still failed after " + maxRetries + " retries");
                        return;
                    }
                    (reply.throttled() ? throttled : retries).increment();
                    pause(backoff(attempt));
                }
            }
        }
    }

    private void giveUp(List<Ha3Documents.Encoded> docs, Ha3Reply reply, Ha3ErrorCode code, String what) {
        String message = "table " + client.tablePath() + " " + what + ": " + reply.describe();
        if (!ignoreWriteError) {
            throw new PluginException(code, message + "; set ignoreWriteError to true to record such pushes as "
                    + "dirty records and go on");
        }
        for (Ha3Documents.Encoded d : docs) {
            context.dirtyRecords().report(d.row(), code, message);
        }
    }

    /** Sleeps in short slices so a stop request does not wait for a long back-off to end. */
    private void pause(long ms) {
        long end = System.nanoTime() + ms * 1_000_000L;
        try {
            for (long left = ms; left > 0 && !context.stopRequested(); left = (end - System.nanoTime()) / 1_000_000L) {
                Thread.sleep(Math.min(left, 100));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the core interrupts a stopping job: keep the status for it
            throw new PluginException(CommonErrorCode.CANCELLED, "push to table " + client.tablePath()
                    + " interrupted while waiting to retry", e);
        }
    }

    /** Exponential back-off with jitter, at most 30 s. */
    private long backoff(int attempt) {
        long ms = Math.min(30_000L, retryIntervalMs * (1L << Math.min(attempt, 15)));
        return ms == 0 ? 0 : ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1);
    }
}
