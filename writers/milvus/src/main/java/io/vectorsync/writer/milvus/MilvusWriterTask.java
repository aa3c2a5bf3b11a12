package io.vectorsync.writer.milvus;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import io.vectorsync.api.Metrics;
import io.vectorsync.api.PluginContext;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.BufferedWriterTask;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Converts records to Milvus rows (a value that does not fit its field makes the record dirty) and sends them
 * in batches of {@code batchSize}. A batch answered "rate limited" is retried after a growing pause in halves,
 * and later batches stay smaller until calls succeed again; transient RPC failures are retried; rows the SDK
 * refuses are isolated by bisection and reported dirty; any other refusal fails the job.
 *
 * <p>An insert that timed out or lost its connection (DEADLINE_EXCEEDED, UNAVAILABLE…) may have been applied
 * by the server, and inserting it again would store its rows twice (an autoId collection generates new keys,
 * and insert does not replace an existing key). Such a batch is never resent: the job fails, saying so. Upserts
 * replace by primary key, so they are retried.
 */
final class MilvusWriterTask extends BufferedWriterTask<JsonObject> {
    /** What the task needs from the step's parameters. */
    record Settings(String database, String collection, String partition, boolean upsert, int batchSize,
                    int maxRetries, long retryIntervalMs) {
    }

    private static final int GROW_AFTER_SUCCESSES = 4;

    private final MilvusClientV2 client;
    private final PluginContext context;
    private final Settings settings;
    private final List<MilvusMapping.Entry> mapping;
    private final Metrics.Counter written;
    private final Metrics.Counter throttled;
    private final Metrics.Counter retries;
    private int limit;
    private int successes;

    MilvusWriterTask(MilvusClientV2 client, PluginContext context, Settings settings, Schema input,
                     List<MilvusMapping.Entry> mapping) {
        super(settings.batchSize());
        this.client = client;
        this.context = context;
        this.settings = settings;
        this.mapping = mapping;
        this.limit = settings.batchSize();
        this.written = context.metrics().counter("rowsWritten");
        this.throttled = context.metrics().counter(Metrics.THROTTLED);
        this.retries = context.metrics().counter(Metrics.RETRIES);
    }

    @Override
    protected JsonObject convert(Row r) {
        JsonObject row = new JsonObject();
        for (MilvusMapping.Entry e : mapping) {
            Object v = r.get(e.source());
            if (e.field() == null) {
                if (v != null) {
                    row.add(e.target(), MilvusValues.toJsonValue(v));
                }
                continue;
            }
            if (v == null) {
                if (e.field().nullable()) {
                    row.add(e.target(), JsonNull.INSTANCE);
                    continue;
                }
                if (MilvusColumn.isVector(e.field().type().type())) {
                    // an empty text embedded with nullAsEmptyString arrives as a NULL vector
                    dirty(r, "vector field \"" + e.target() + "\" (from \"" + e.sourceName() + "\") is null (an empty "
                            + "text embedded with nullAsEmptyString, or a NULL input) but the field is not nullable; "
                            + "declare it \"nullable\": true, or set nullAsEmptyString to false in the embedding step "
                            + "to make such records dirty there");
                    return null;
                }
                dirty(r, "field \"" + e.target() + "\" (from \"" + e.sourceName() + "\") is null but the field is not "
                        + "nullable");
                return null;
            }
            try {
                row.add(e.target(), MilvusValues.convert(v, e.field().type()));
            } catch (IllegalArgumentException ex) {
                dirty(r, "field \"" + e.target() + "\" (" + e.field().type().type() + ", from \"" + e.sourceName()
                        + "\"): " + ex.getMessage());
                return null;
            }
        }
        return row;
    }

    private void dirty(Row r, String message) {
        context.dirtyRecords().report(r, MilvusErrorCode.VALUE_REJECTED, "collection \"" + settings.collection()
                + "\": " + message);
    }

    private record Chunk(int from, int to) {
        int size() {
            return to - from;
        }
    }

    /** Sends one batch in chunks; after an abort, which drops the buffered rows unsent, sent batches stay. */
    @Override
    protected void send(List<JsonObject> batchRows, List<Row> batchSources) throws Exception {
        Deque<Chunk> todo = new ArrayDeque<>();
        for (int i = 0; i < batchRows.size(); i += limit) {
            todo.add(new Chunk(i, Math.min(batchRows.size(), i + limit)));
        }
        int attempt = 0;
        while (!todo.isEmpty()) {
            Chunk c = todo.pollFirst();
            if (c.size() > limit) {
                splitInto(todo, c, limit);
                continue;
            }
            try {
                call(batchRows.subList(c.from(), c.to()));
                written.add(c.size());
                attempt = 0;
                if (++successes >= GROW_AFTER_SUCCESSES && limit < settings.batchSize()) {
                    limit = Math.min(settings.batchSize(), limit * 2);
                    successes = 0;
                }
            } catch (Exception e) {
                successes = 0;
                if (!settings.upsert() && MilvusFailures.mayHaveBeenApplied(e)) {
                    throw new PluginException(MilvusErrorCode.INSERT_OUTCOME_UNKNOWN, "step \"" + context.stepName()
                            + "\": insert of " + c.size() + " rows into collection \"" + settings.collection()
                            + "\" failed with " + MilvusFailures.describe(e) + "; the insert may have been applied, so"
                            + " it is not retried (retrying could store its rows twice). Check the collection for"
                            + " these rows; writeMode upsert on a collection whose primary key is not autoId makes"
                            + " retries safe", e);
                }
                if (MilvusFailures.isRateLimited(e) || MilvusFailures.isTransient(e)) {
                    boolean limited = MilvusFailures.isRateLimited(e);
                    if (attempt >= settings.maxRetries() || context.stopRequested()) {
                        throw new PluginException(limited ? MilvusErrorCode.RATE_LIMITED : MilvusErrorCode.TRANSIENT_FAILURE,
                                "step \"" + context.stepName() + "\": writing " + c.size() + " rows to collection \""
                                        + settings.collection() + "\" failed after " + (attempt + 1) + " attempts: "
                                        + MilvusFailures.describe(e) + (limited ? "; lower speed.concurrent or batchSize,"
                                        + " or raise the collection's rate limits" : ""), e);
                    }
                    (limited ? throttled : retries).increment();
                    MilvusFailures.pause(MilvusFailures.backoff(settings.retryIntervalMs(), attempt), context);
                    attempt++;
                    if (limited && c.size() > 1) {
                        limit = Math.max(1, Math.min(limit, c.size()) / 2);
                        splitInto(todo, c, limit);
                    } else {
                        todo.addFirst(c);
                    }
                } else if (MilvusFailures.isClientSide(e)) {
                    if (c.size() > 1) {
                        splitInto(todo, c, (c.size() + 1) / 2);
                    } else {
                        dirty(batchSources.get(c.from()), "row refused by the Milvus client: " + MilvusFailures.describe(e));
                    }
                } else {
                    throw new PluginException(MilvusErrorCode.REQUEST_FAILED, "step \"" + context.stepName()
                            + "\": Milvus refused " + (settings.upsert() ? "upsert" : "insert") + " of " + c.size()
                            + " rows into collection \"" + settings.collection() + "\": " + MilvusFailures.describe(e), e);
                }
            }
        }
    }

    private static void splitInto(Deque<Chunk> todo, Chunk c, int size) {
        List<Chunk> parts = new ArrayList<>();
        for (int i = c.from(); i < c.to(); i += size) {
            parts.add(new Chunk(i, Math.min(c.to(), i + size)));
        }
        for (int i = parts.size() - 1; i >= 0; i--) {
            todo.addFirst(parts.get(i));
        }
    }

    private void call(List<JsonObject> data) {
        if (settings.upsert()) {
            client.upsert(UpsertReq.builder().databaseName(settings.database()).collectionName(settings.collection())
                    .partitionName(settings.partition()).data(data).build());
        } else {
            client.insert(InsertReq.builder().databaseName(settings.database()).collectionName(settings.collection())
                    .partitionName(settings.partition()).data(data).build());
        }
    }
}
