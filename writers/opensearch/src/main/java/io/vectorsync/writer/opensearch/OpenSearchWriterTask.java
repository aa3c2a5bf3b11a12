package io.vectorsync.writer.opensearch;

import io.vectorsync.writer.searchcommon.SearchBulkItems;
import io.vectorsync.writer.searchcommon.SearchDocumentEncoder;
import io.vectorsync.writer.searchcommon.SearchRetry;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.writer.WriterTask;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;

/**
 * Writes one stream's records with the OpenSearch client's {@code bulk}: each record's document is serialized once
 * (its JSON text is handed to the client as a raw value) and a request is sent once it holds {@code batchSize}
 * documents or {@code batchSizeBytes} bytes. A request failing with 429/5xx/I/O is sent again with backoff; of a
 * partly failed request only the items refused with 429 are sent again, the others become dirty records carrying
 * OpenSearch's {@code error.reason}. {@link #abort} drops the documents not yet sent; retry pauses end on the job's
 * stop signal and on interrupt.
 */
final class OpenSearchWriterTask implements WriterTask {
    private final String step;
    private final String index;
    private final String action;
    private final OpenSearchHttp http;
    private final SearchDocumentEncoder encoder;
    private final SearchRetry retry;
    private final SearchBulkItems items;
    private final int batchSize;
    private final long batchBytes;
    private final ByteArrayOutputStream scratch = new ByteArrayOutputStream(8192);
    private final List<BulkOperation> operations = new ArrayList<>();
    private final List<Row> pending = new ArrayList<>();
    private long pendingBytes;
    private boolean aborted;

    OpenSearchWriterTask(String index, String action, OpenSearchHttp http, SearchDocumentEncoder encoder,
                         SearchRetry retry, PluginContext context, int batchSize, long batchBytes,
                         boolean ignoreWriteError, boolean ignoreParseError) {
        this.step = context.stepName();
        this.index = index;
        this.action = action.equals("add") ? "index" : action;
        this.http = http;
        this.encoder = encoder;
        this.retry = retry;
        this.items = new SearchBulkItems(OpenSearchErrorCode.DIALECT, context, ignoreWriteError, ignoreParseError);
        this.batchSize = batchSize;
        this.batchBytes = batchBytes;
    }

    @Override
    public void write(List<Row> batch) throws Exception {
        if (aborted) {
            return;
        }
        for (Row r : batch) {
            BulkOperation op;
            try {
                op = operation(r);
            } catch (SearchDocumentEncoder.ValueException e) {
                items.badValue(r, e);
                continue;
            }
            operations.add(op);
            pending.add(r);
            if (pending.size() >= batchSize || pendingBytes >= batchBytes) {
                send();
            }
        }
    }

    private BulkOperation operation(Row r) throws IOException {
        String id = encoder.requireId(r);
        String routing = encoder.routing(r);
        pendingBytes += 64 + index.length() + (id == null ? 0 : id.length());
        if (action.equals("delete")) {
            return BulkOperation.of(b -> b.delete(d -> d.index(index).id(id).routing(routing)));
        }
        scratch.reset();
        try (JsonGenerator gen = http.mapper().getFactory().createGenerator(scratch)) {
            encoder.writeDocument(r, gen);
        }
        RawJson doc = new RawJson(scratch.toString(StandardCharsets.UTF_8));
        pendingBytes += scratch.size();
        return switch (action) {
            case "create" -> BulkOperation.of(b -> b.create(c -> c.index(index).id(id).routing(routing).document(doc)));
            case "update" -> BulkOperation.of(b -> b.update(u -> u.index(index).id(id).routing(routing)
                    .document(doc).docAsUpsert(true)));
            default -> BulkOperation.of(b -> b.index(i -> i.index(index).id(id).routing(routing).document(doc)));
        };
    }

    @Override
    public void flush() throws Exception {
        if (!pending.isEmpty()) {
            send();
        }
    }

    private void send() throws InterruptedException {
        List<BulkOperation> ops = new ArrayList<>(operations);
        List<Row> records = new ArrayList<>(pending);
        for (int attempt = 1; ; attempt++) {
            boolean last = retry.beginTry(attempt);
            BulkResponse reply;
            try {
                items.requestSent();
                List<BulkOperation> body = ops;
                reply = http.client().bulk(b -> b.operations(body));
            } catch (OpenSearchException e) {
                int status = e.status();
                if (!SearchRetry.transientStatus(status)) {
                    throw new PluginException(status == 401 || status == 403 ? OpenSearchErrorCode.AUTH_FAILED
                            : OpenSearchErrorCode.REQUEST_FAILED, "step \"" + step + "\": _bulk failed with HTTP " + status
                            + ": " + reason(e.error()) + (status == 413 ? "; lower batchSizeBytes or batchSize" : ""), e);
                }
                if (status == 429) {
                    items.throttled(1);
                }
                if (last) {
                    throw items.gaveUp(attempt, "; last reply HTTP " + status + " " + reason(e.error()), e);
                }
                continue;
            } catch (IOException e) {
                int status = statusOf(e);
                if (status == 401 || status == 403) {
                    throw new PluginException(OpenSearchErrorCode.AUTH_FAILED, "step \"" + step + "\": _bulk was refused "
                            + "(HTTP " + status + "); check username/password (accessId/accessKey)", e);
                }
                if (last) {
                    throw items.gaveUp(attempt, ": " + e.getMessage(), e);
                }
                continue;
            }
            List<Integer> again = handleItems(reply, records);
            if (again.isEmpty()) {
                break;
            }
            items.throttled(again.size());
            if (last) {
                throw items.stillThrottled(again.size(), attempt);
            }
            List<BulkOperation> retryOps = new ArrayList<>(again.size());
            List<Row> retryRecords = new ArrayList<>(again.size());
            for (int i : again) {
                retryOps.add(ops.get(i));
                retryRecords.add(records.get(i));
            }
            ops = retryOps;
            records = retryRecords;
        }
        operations.clear();
        pending.clear();
        pendingBytes = 0;
    }

    /** Counts successes, reports refused documents; returns the indexes of items refused with 429. */
    private List<Integer> handleItems(BulkResponse reply, List<Row> records) {
        if (!reply.errors()) {
            items.written(records.size());
            return List.of();
        }
        List<BulkResponseItem> results = reply.items();
        if (results.size() != records.size()) {
            throw items.itemCountMismatch(results.size(), records.size());
        }
        List<Integer> again = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            BulkResponseItem item = results.get(i);
            if (item.error() == null) {
                items.written(1);
                continue;
            }
            if (item.status() == 429) {
                again.add(i);
                continue;
            }
            String message = items.refused(item.id(), item.status(), reason(item.error()));
            if (message != null) {
                items.reject(records.get(i), message);
            }
        }
        return again;
    }

    /** The HTTP status of a failed request behind {@code e}, or 0 when there was no reply. */
    static int statusOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.opensearch.client.ResponseException re) {
                return re.getResponse().getStatusLine().getStatusCode();
            }
        }
        return 0;
    }

    static String reason(ErrorCause e) {
        if (e == null) {
            return "(no error detail)";
        }
        String r = e.type() + ": " + e.reason();
        return e.causedBy() == null ? r : r + " (caused by " + e.causedBy().type() + ": " + e.causedBy().reason() + ")";
    }

    /** Drops the documents not sent yet; requests already answered stay applied. */
    @Override
    public void abort(Throwable cause) {
        aborted = true;
        operations.clear();
        pending.clear();
        pendingBytes = 0;
    }

    @Override
    public void close() {
        operations.clear();
        pending.clear();
    }

    /** A document already serialized: the client writes its text as is. */
    static final class RawJson implements JsonSerializable {
        private final String json;

        RawJson(String json) {
            this.json = json;
        }

        @Override
        public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeRawValue(json);
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
                throws IOException {
            serialize(gen, serializers);
        }

        @Override
        public String toString() {
            return json;
        }
    }
}
