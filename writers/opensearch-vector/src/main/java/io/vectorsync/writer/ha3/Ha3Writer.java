package io.vectorsync.writer.ha3;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.Schema;
import io.vectorsync.api.writer.Idempotence;
import io.vectorsync.api.writer.Writer;
import io.vectorsync.api.writer.WriterTask;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code opensearch-vector} writer step. The table and its schema are made in the console (the push API
 * cannot create them), so {@link #prepare()} does nothing and {@link #check()} only asks the instance whether it
 * is reachable and accepts the user.
 */
final class Ha3Writer implements Writer {
    private static final Logger LOG = LoggerFactory.getLogger(Ha3Writer.class);

    private final PluginConfig config;
    private final PluginContext context;
    private Ha3Documents documents;
    private Ha3Client client;

    Ha3Writer(PluginConfig config, PluginContext context) {
        this.config = config;
        this.context = context;
    }

    @Override
    public void bind(Schema input) {
        documents = Ha3Documents.bind(config, input);
    }

    private synchronized Ha3Client client() {
        if (client == null) {
            client = new Ha3Client(config, documents.primaryKeyField());
        }
        return client;
    }

    /** {@code GET /network/active}: a refused user fails here, before any row is read. */
    @Override
    public void check() {
        Ha3Reply reply;
        try {
            reply = client().active();
        } catch (IOException e) {
            throw new PluginException(CommonErrorCode.EXTERNAL_TRANSIENT, "cannot reach the Vector Search Edition "
                    + "endpoint " + client().endpoint() + " (" + e.getMessage() + "); check endpoint and the "
                    + "instance's public-access whitelist", e);
        }
        if (reply.kind() == Ha3Reply.Kind.AUTH) {
            throw new PluginException(Ha3ErrorCode.AUTH_FAILED, "the Vector Search Edition instance at "
                    + client().endpoint() + " refused the user name or password (" + reply.describe() + "); check "
                    + "username/password (accessId/accessKey): the instance's API user, not an AccessKey pair");
        }
        if (reply.kind() != Ha3Reply.Kind.OK) {
            LOG.warn("{}: {}network/active answered {}; going on", context.stepName(), client().endpoint(),
                    reply.describe());
        }
    }

    @Override
    public WriterTask openTask(int streamIndex) {
        return new Ha3WriterTask(client(), documents, context, Ha3Settings.of(config));
    }

    /** Nothing to undo: pushed documents are in the engine's queue and stay; buffered ones were dropped. */
    @Override
    public void abort(Throwable cause) {
        LOG.info("{}: job stopped; documents already pushed to {} stay in the table", context.stepName(),
                client == null ? config.get(Ha3Options.TABLE) : client.tablePath());
    }

    @Override
    public Idempotence idempotence() {
        String mode = config.get(Ha3Options.WRITE_MODE).trim().toLowerCase(java.util.Locale.ROOT);
        return switch (mode) {
            case "update" -> Idempotence.yes("writeMode update sets the same fields of the document with the same "
                    + "primary key to the same values");
            case "delete" -> Idempotence.yes("writeMode delete removes by primary key; deleting a missing "
                    + "document succeeds");
            default -> Idempotence.yes("writeMode add replaces the document with the same primary key");
        };
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
