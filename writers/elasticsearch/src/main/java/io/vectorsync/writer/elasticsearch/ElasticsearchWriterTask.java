package io.vectorsync.writer.elasticsearch;

import io.vectorsync.writer.searchcommon.SearchBulkItems;
import io.vectorsync.writer.searchcommon.SearchDocumentEncoder;
import io.vectorsync.writer.searchcommon.SearchReply;
import io.vectorsync.writer.searchcommon.SearchRetry;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.writer.WriterTask;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes one stream's records with {@code _bulk}: NDJSON is built in a reusable buffer and sent once it holds
 * {@code batchSize} documents or {@code batchSizeBytes} bytes, by a sender thread while the next request is built in
 * a second buffer (one request in flight per stream). A request failing with 429/5xx/I/O is sent again
 * with backoff; of a partly failed request only the items refused with 429 are sent again, the others become dirty
 * records carrying Elasticsearch's {@code error.reason}.
 *
 * <p>{@link #abort} drops the documents not yet sent and cancels the request in flight (interrupting the sender,
 * whose retry pauses also end on the job's stop signal); a request the cluster already received may still be
 * applied.
 */
final class ElasticsearchWriterTask implements WriterTask {
    private final String step;
    private final ElasticsearchHttp http;
    private final SearchDocumentEncoder encoder;
    private final SearchRetry retry;
    private final SearchBulkItems items;
    private final ObjectMapper mapper;
    private final JsonFactory json;
    private final int batchSize;
    private final long batchBytes;
    private Buffer buf = new Buffer();
    private Buffer spare = new Buffer();
    private final List<Row> pending = new ArrayList<>();
    private final ExecutorService sender;
    private Future<List<Rejected>> inFlight;
    private int[] starts = new int[64];
    private JsonGenerator gen;
    private boolean aborted;

    ElasticsearchWriterTask(ElasticsearchHttp http, SearchDocumentEncoder encoder, SearchRetry retry,
                            PluginContext context, int batchSize, long batchBytes, boolean ignoreWriteError,
                            boolean ignoreParseError) throws IOException {
        this.step = context.stepName();
        this.http = http;
        this.encoder = encoder;
        this.retry = retry;
        this.items = new SearchBulkItems(ElasticsearchErrorCode.DIALECT, context, ignoreWriteError, ignoreParseError);
        this.mapper = http.mapper();
        this.json = mapper.getFactory();
        this.batchSize = batchSize;
        this.batchBytes = batchBytes;
        this.gen = json.createGenerator(buf);
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bulk-" + step);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void write(List<Row> batch) throws Exception {
        if (aborted) {
            return;
        }
        for (Row r : batch) {
            int start = buf.size();
            try {
                encoder.encode(r, gen);
                gen.flush();
            } catch (SearchDocumentEncoder.ValueException e) {
                buf.truncate(start);
                gen = json.createGenerator(buf);
                items.badValue(r, e);
                continue;
            }
            if (pending.size() == starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[pending.size()] = start;
            pending.add(r);
            if (pending.size() >= batchSize || buf.size() >= batchBytes) {
                dispatch();
            }
        }
    }

    @Override
    public void flush() throws Exception {
        if (!pending.isEmpty()) {
            dispatch();
        }
        awaitInFlight();
    }

    /**
     * Hands the current buffer to the sender thread and continues encoding into the spare one, so that building the
     * next request overlaps sending this one. At most one request is in flight: it is awaited first.
     */
    private void dispatch() throws Exception {
        awaitInFlight();
        List<Row> records = new ArrayList<>(pending);
        byte[] body = buf.array();
        int length = buf.size();
        int[] offsets = Arrays.copyOf(starts, records.size() + 1);
        offsets[records.size()] = length;
        inFlight = sender.submit(() -> send(records, body, length, offsets));
        Buffer sent = buf;
        buf = spare;
        spare = sent;
        buf.reset();
        pending.clear();
        gen = json.createGenerator(buf);
    }

    /** Waits for the request in flight; reports its refused documents (on this thread) or rethrows its failure. */
    private void awaitInFlight() throws Exception {
        if (inFlight == null) {
            return;
        }
        Future<List<Rejected>> f = inFlight;
        inFlight = null;
        List<Rejected> rejected;
        try {
            rejected = f.get();
        } catch (InterruptedException e) {
            f.cancel(true); // the job is stopping: do not leave the sender retrying
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
        for (Rejected r : rejected) {
            items.reject(r.record(), r.message());
        }
    }

    /** A document the cluster refused. */
    private record Rejected(Row record, String message) {
    }

    /** Sends one request (on the sender thread), retrying; returns the refused documents. */
    private List<Rejected> send(List<Row> records, byte[] body, int length, int[] offsets)
            throws InterruptedException {
        List<Rejected> rejected = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            boolean last = retry.beginTry(attempt);
            SearchReply reply;
            try {
                items.requestSent();
                reply = http.bulkOnce(body, length);
            } catch (IOException e) {
                if (last) {
                    throw items.gaveUp(attempt, ": " + e.getMessage(), e);
                }
                continue;
            }
            if (SearchRetry.transientStatus(reply.status())) {
                if (reply.status() == 429) {
                    items.throttled(1);
                }
                if (last) {
                    throw items.gaveUp(attempt, "; last reply HTTP " + reply.status() + " " + reply.reason(), null);
                }
                continue;
            }
            if (reply.status() == 413) {
                throw new PluginException(ElasticsearchErrorCode.REQUEST_FAILED, "step \"" + step + "\": the _bulk body of "
                        + length + " bytes is too large for the cluster (HTTP 413); lower batchSizeBytes or batchSize");
            }
            http.expectOk(reply, "_bulk");
            List<Integer> again = handleItems(reply.raw(), records, rejected);
            if (again.isEmpty()) {
                break;
            }
            items.throttled(again.size());
            if (last) {
                throw items.stillThrottled(again.size(), attempt);
            }
            // resend only the throttled items
            ByteArrayOutputStream retryBody = new ByteArrayOutputStream();
            List<Row> retryRecords = new ArrayList<>(again.size());
            int[] retryOffsets = new int[again.size() + 1];
            for (int k = 0; k < again.size(); k++) {
                int i = again.get(k);
                retryOffsets[k] = retryBody.size();
                retryBody.write(body, offsets[i], offsets[i + 1] - offsets[i]);
                retryRecords.add(records.get(i));
            }
            retryOffsets[again.size()] = retryBody.size();
            body = retryBody.toByteArray();
            length = body.length;
            offsets = retryOffsets;
            records = retryRecords;
        }
        return rejected;
    }

    /** Counts successes, reports refused documents; returns the indexes of items refused with 429. */
    private List<Integer> handleItems(byte[] reply, List<Row> records, List<Rejected> rejected) {
        JsonNode results;
        try {
            results = itemsIfErrors(reply);
        } catch (IOException e) {
            throw new PluginException(ElasticsearchErrorCode.REQUEST_FAILED, "step \"" + step
                    + "\": cannot read the _bulk reply: " + e.getMessage(), e);
        }
        if (results == null) {
            items.written(records.size());
            return List.of();
        }
        if (results.size() != records.size()) {
            throw items.itemCountMismatch(results.size(), records.size());
        }
        List<Integer> again = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            JsonNode item = results.get(i).elements().next();
            JsonNode error = item.get("error");
            if (error == null) {
                items.written(1);
                continue;
            }
            int status = item.path("status").asInt();
            if (status == 429) {
                again.add(i);
                continue;
            }
            String message = items.refused(item.hasNonNull("_id") ? item.get("_id").asText() : null, status,
                    new SearchReply(status, item).reason());
            if (message != null) {
                rejected.add(new Rejected(records.get(i), message));
            }
        }
        return again;
    }

    /** {@code null} when the reply says {@code "errors":false}; else its {@code items}. */
    private JsonNode itemsIfErrors(byte[] reply) throws IOException {
        try (JsonParser p = json.createParser(reply)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            boolean errors = true;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("errors")) {
                    errors = p.getBooleanValue();
                    if (!errors) {
                        return null;
                    }
                } else if (field.equals("items")) {
                    return mapper.readTree(p);
                } else {
                    p.skipChildren();
                }
            }
            if (errors) {
                throw new IOException("no items in a reply with errors");
            }
            return null;
        }
    }

    /** Drops what is not sent yet and cancels the request in flight, without waiting for it. */
    @Override
    public void abort(Throwable cause) {
        aborted = true;
        Future<List<Rejected>> f = inFlight;
        inFlight = null;
        if (f != null) {
            f.cancel(true);
        }
        sender.shutdownNow();
        pending.clear();
        buf.reset();
    }

    @Override
    public void close() {
        sender.shutdownNow();
        pending.clear();
        buf.reset();
        spare.reset();
    }

    /** A byte buffer whose array can be sent without copying and which can drop a half-written document. */
    static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(1 << 20);
        }

        byte[] array() {
            return buf;
        }

        void truncate(int size) {
            count = size;
        }
    }
}
