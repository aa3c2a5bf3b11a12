package io.vectorsync.writer.searchcommon;

import io.vectorsync.api.Metrics;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bookkeeping both writers' bulk tasks share: the counters, what becomes of a value that cannot be encoded
 * ({@code ignoreParseError}) and of a document the cluster refuses ({@code ignoreWriteError}), and the errors that end
 * a {@code _bulk} after its tries. How a request is built and sent stays with each writer's task.
 */
public final class SearchBulkItems {
    /** Documents the cluster accepted. */
    public static final String DOCUMENTS_WRITTEN = "documentsWritten";
    /** Documents the cluster refused and {@code ignoreWriteError} dropped. */
    public static final String IGNORED_DOCUMENTS = "ignoredDocuments";
    /** {@code _bulk} requests sent, tries included. */
    public static final String BULK_REQUESTS = "bulkRequests";
    private static final Logger LOG = LoggerFactory.getLogger(SearchBulkItems.class);

    private final SearchDialect dialect;
    private final String step;
    private final PluginContext context;
    private final boolean ignoreWriteError;
    private final boolean ignoreParseError;
    private final Metrics.Counter written;
    private final Metrics.Counter ignored;
    private final Metrics.Counter requests;
    private final Metrics.Counter throttled;

    public SearchBulkItems(SearchDialect dialect, PluginContext context, boolean ignoreWriteError,
                           boolean ignoreParseError) {
        this.dialect = dialect;
        this.step = context.stepName();
        this.context = context;
        this.ignoreWriteError = ignoreWriteError;
        this.ignoreParseError = ignoreParseError;
        this.written = context.metrics().counter(DOCUMENTS_WRITTEN);
        this.ignored = context.metrics().counter(IGNORED_DOCUMENTS);
        this.requests = context.metrics().counter(BULK_REQUESTS);
        this.throttled = context.metrics().counter(Metrics.THROTTLED);
    }

    /** A record whose value cannot be encoded: dirty with {@code ignoreParseError}, else the job stops. */
    public void badValue(Row record, SearchDocumentEncoder.ValueException e) {
        if (!ignoreParseError) {
            throw new PluginException(dialect.error(SearchErrorKind.VALUE_INVALID), "step \"" + step + "\": "
                    + e.getMessage() + " (ignoreParseError is false, so the job stops)");
        }
        context.dirtyRecords().report(record, dialect.error(SearchErrorKind.VALUE_INVALID), e.getMessage());
    }

    /**
     * The message of a document the cluster refused, or {@code null} when {@code ignoreWriteError} drops it (counted
     * and logged); the caller reports a non-null message with {@link #reject}.
     */
    public String refused(String id, int status, String reason) {
        String message = dialect.flavor().product() + " refused the document" + (id != null ? " _id \"" + id + "\"" : "")
                + " (HTTP " + status + "): " + reason;
        if (!ignoreWriteError) {
            return message;
        }
        ignored.increment();
        LOG.warn("step \"{}\": {} (ignored: ignoreWriteError is true)", step, message);
        return null;
    }

    /** Reports a refused document as a dirty record (on the task's thread). */
    public void reject(Row record, String message) {
        context.dirtyRecords().report(record, dialect.error(SearchErrorKind.DOCUMENT_REJECTED), message);
    }

    public void requestSent() {
        requests.increment();
    }

    public void written(int documents) {
        written.add(documents);
    }

    public void throttled(int documents) {
        throttled.add(documents);
    }

    /** The reply lists another number of items than documents were sent. */
    public PluginException itemCountMismatch(int items, int documents) {
        return new PluginException(dialect.error(SearchErrorKind.REQUEST_FAILED), "step \"" + step
                + "\": the _bulk reply has " + items + " items for " + documents + " documents");
    }

    /** The request failed every try ({@code detail} says how the last one did). */
    public PluginException gaveUp(int attempt, String detail, Throwable cause) {
        return new PluginException(dialect.error(SearchErrorKind.UNAVAILABLE), "step \"" + step + "\": _bulk failed "
                + attempt + " times (trySize)" + detail, cause);
    }

    /** Some documents were still throttled after every try. */
    public PluginException stillThrottled(int documents, int attempt) {
        return new PluginException(dialect.error(SearchErrorKind.UNAVAILABLE), "step \"" + step + "\": " + documents
                + " documents were still refused with 429 (too many requests) after " + attempt
                + " tries (trySize); the cluster is overloaded");
    }
}
