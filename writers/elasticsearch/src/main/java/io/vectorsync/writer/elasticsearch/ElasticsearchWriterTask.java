package io.vectorsync.writer.elasticsearch;

import io.vectorsync.writer.searchcommon.SearchDocumentEncoder;
import io.vectorsync.writer.searchcommon.SearchReply;
import io.vectorsync.writer.searchcommon.SearchRetry;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.Metrics;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchWriterTask.class);
    static final String DOCUMENTS_WRITTEN = "documentsWritten";
    static final String IGNORED_DOCUMENTS = "ignoredDocuments";
    static final String BULK_REQUESTS = "bulkRequests";

    private final String step;
    private final ElasticsearchHttp http;
    private final SearchDocumentEncoder encoder;
    private final SearchRetry retry;
    private final PluginContext context;
    private final ObjectMapper mapper;
    private final JsonFactory json;
    private final int batchSize;
    private final long batchBytes;
    private final boolean ignoreWriteError;
    private final boolean ignoreParseError;
    private Buffer buf = new Buffer();
    private Buffer spare = new Buffer();
    private final List<Row> pending = new ArrayList<>();
    private final ExecutorService sender;
    private Future<List<Rejected>> inFlight;
    private int[] starts = new int[64];
    private JsonGenerator gen;
    private boolean aborted;
    private final Metrics.Counter written;
    private final Metrics.Counter ignored;
    private final Metrics.Counter requests;

    ElasticsearchWriterTask(String step, ElasticsearchHttp http, SearchDocumentEncoder encoder,
                            SearchRetry retry, PluginContext context, int batchSize, long batchBytes,
                            boolean ignoreWriteError, boolean ignoreParseError) throws IOException {
        this.step = step;
        this.http = http;
        this.encoder = encoder;
        this.retry = retry;
        this.context = context;
        this.mapper = http.mapper();
        this.json = mapper.getFactory();
        this.batchSize = batchSize;
        this.batchBytes = batchBytes;
        this.ignoreWriteError = ignoreWriteError;
        this.ignoreParseError = ignoreParseError;
        this.written = context.metrics().counter(DOCUMENTS_WRITTEN);
        this.ignored = context.metrics().counter(IGNORED_DOCUMENTS);
        this.requests = context.metrics().counter(BULK_REQUESTS);
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
                if (!ignoreParseError) {
                    throw new PluginException(ElasticsearchErrorCode.VALUE_INVALID, "step \"" + step + "\": "
                            + e.getMessage() + " (ignoreParseError is false, so the job stops)");
                }
                context.dirtyRecords().report(r, ElasticsearchErrorCode.VALUE_INVALID, e.getMessage());
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
            context.dirtyRecords().report(r.record(), ElasticsearchErrorCode.DOCUMENT_REJECTED, r.message());
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
            if (attempt > 1) {
                retry.pause(attempt - 1);
            }
            retry.throwIfStopping();
            boolean last = attempt >= retry.trySize();
            SearchReply reply;
            try {
                requests.increment();
                reply = http.bulkOnce(body, length);
            } catch (IOException e) {
                if (last) {
                    throw new PluginException(ElasticsearchErrorCode.UNAVAILABLE, "step \"" + step + "\": _bulk failed "
                            + attempt + " times (trySize): " + e.getMessage(), e);
                }
                continue;
            }
            if (SearchRetry.transientStatus(reply.status())) {
                if (reply.status() == 429) {
                    context.metrics().counter(Metrics.THROTTLED).increment();
                }
                if (last) {
                    throw new PluginException(ElasticsearchErrorCode.UNAVAILABLE, "step \"" + step + "\": _bulk failed "
                            + attempt + " times (trySize); last reply HTTP " + reply.status() + " " + reply.reason());
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
            context.metrics().counter(Metrics.THROTTLED).add(again.size());
            if (last) {
                throw new PluginException(ElasticsearchErrorCode.UNAVAILABLE, "step \"" + step + "\": " + again.size()
                        + " documents were still refused with 429 (too many requests) after " + attempt
                        + " tries (trySize); the cluster is overloaded");
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
        JsonNode items;
        try {
            items = itemsIfErrors(reply);
        } catch (IOException e) {
            throw new PluginException(ElasticsearchErrorCode.REQUEST_FAILED, "step \"" + step
                    + "\": cannot read the _bulk reply: " + e.getMessage(), e);
        }
        if (items == null) {
            written.add(records.size());
            return List.of();
        }
        if (items.size() != records.size()) {
            throw new PluginException(ElasticsearchErrorCode.REQUEST_FAILED, "step \"" + step + "\": the _bulk reply has "
                    + items.size() + " items for " + records.size() + " documents");
        }
        List<Integer> again = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i).elements().next();
            JsonNode error = item.get("error");
            if (error == null) {
                written.increment();
                continue;
            }
            int status = item.path("status").asInt();
            if (status == 429) {
                again.add(i);
                continue;
            }
            String message = "Elasticsearch refused the document"
                    + (item.hasNonNull("_id") ? " _id \"" + item.get("_id").asText() + "\"" : "")
                    + " (HTTP " + status + "): " + error.path("type").asText() + ": " + error.path("reason").asText()
                    + (error.path("caused_by").isObject() ? " (caused by " + error.path("caused_by").path("type").asText()
                    + ": " + error.path("caused_by").path("reason").asText() + ")" : "");
            if (ignoreWriteError) {
                ignored.increment();
                LOG.warn("step \"{}\": {} (ignored: ignoreWriteError is true)", step, message);
            } else {
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
