package io.vectorsync.model.onnx;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.OrtException;
import io.vectorsync.api.Metrics;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.Embeddings;
import io.vectorsync.api.model.ModelException;
import io.vectorsync.api.model.ModelLimits;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of one in-process model. The model is loaded on first use (or {@link #check()}) into a session shared
 * with every other client of the same model in the JVM; {@link #embed} tokenizes in the calling thread and
 * completes its future once the model's micro-batcher has run the texts (merged with other clients' calls).
 * Thread-safe.
 */
public final class OnnxEmbeddingModel implements EmbeddingModel {
    /** Counter of texts cut to the sequence limit. */
    public static final String TRUNCATED_TEXTS = "onnxTruncatedTexts";

    private static final Logger LOG = LoggerFactory.getLogger(OnnxEmbeddingModel.class);

    private final String stepName;
    private final OnnxModelInfo info;
    private final int maxSequenceLength;
    private final int threads;
    private final ModelLimits limits;
    private final Metrics.Counter truncatedTexts;
    private OnnxModelRuntime runtime;
    private boolean closed;

    OnnxEmbeddingModel(String stepName, OnnxModelInfo info, int maxSequenceLength, int threads, int maxBatchSize,
                       Metrics metrics) {
        this.stepName = requireNonNull(stepName, "stepName is null");
        this.info = requireNonNull(info, "info is null");
        this.maxSequenceLength = maxSequenceLength;
        this.threads = threads;
        this.limits = new ModelLimits(maxBatchSize, 0, maxSequenceLength, info.dimension());
        this.truncatedTexts = metrics.counter(TRUNCATED_TEXTS);
    }

    public OnnxModelInfo info() {
        return info;
    }

    @Override
    public ModelLimits limits() {
        return limits;
    }

    @Override
    public String cacheKey() {
        return "onnx|" + info.name() + "|" + info.dimension() + "|" + maxSequenceLength;
    }

    @Override
    public CompletableFuture<Embeddings> embed(List<String> texts) {
        requireNonNull(texts, "texts is null");
        CompletableFuture<OnnxModelRuntime.Result> pending;
        try {
            checkBatch(texts);
            pending = runtime().embed(texts, maxSequenceLength);
        } catch (ModelException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(failure(texts, e));
        }
        return pending.handle((result, error) -> {
            if (error != null) {
                throw failure(texts, error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
            if (result.truncated() > 0) {
                truncatedTexts.add(result.truncated());
                LOG.debug("step {}: {} text(s) truncated to {} tokens", stepName, result.truncated(),
                        maxSequenceLength);
            }
            return new Embeddings(result.vectors(), result.tokens());
        });
    }

    private void checkBatch(List<String> texts) {
        if (texts.size() > limits.maxRowsPerCall()) {
            throw new ModelException(ModelException.Kind.BAD_INPUT, 0, "step \"" + stepName + "\": " + texts.size()
                    + " texts in one call to model " + info.name() + ", at most " + limits.maxRowsPerCall()
                    + " (maxBatchSize) are allowed");
        }
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new ModelException(ModelException.Kind.BAD_INPUT, 0, "step \"" + stepName
                        + "\": text " + i + " of the batch is null; model " + info.name() + " needs a string");
            }
        }
    }

    private ModelException failure(List<String> texts, Throwable e) {
        if (e instanceof ModelException m) {
            return m;
        }
        return new ModelException(ModelException.Kind.FATAL, 0, "step \"" + stepName + "\": model " + info.name()
                + " failed on a batch of " + texts.size() + " texts: " + e.getMessage(), null, e);
    }

    /** Loads the model now and embeds one short text, so a broken installation fails before any data moves. */
    @Override
    public void check() throws Exception {
        Embeddings e;
        try {
            e = embed(List.of("vectorsync check")).join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof Exception cause ? cause : failed;
        }
        if (e.vectors().size() != 1 || e.vectors().get(0).length != info.dimension()) {
            throw new PluginException(OnnxErrorCode.MODEL_LOAD_FAILED, "step \"" + stepName + "\": model "
                    + info.name() + " returned an unexpected vector");
        }
    }

    private synchronized OnnxModelRuntime runtime() {
        if (closed) {
            throw new ModelException(ModelException.Kind.FATAL, 0, "step \"" + stepName + "\": model "
                    + info.name() + " is closed");
        }
        if (runtime == null) {
            try {
                long start = System.nanoTime();
                runtime = OnnxRuntimeCache.acquire(info, threads);
                LOG.debug("step {}: model {} ready in {} ms ({} threads)", stepName, info.name(),
                        (System.nanoTime() - start) / 1_000_000, threads);
            } catch (IOException | OrtException | RuntimeException e) {
                throw new PluginException(OnnxErrorCode.MODEL_LOAD_FAILED, "step \"" + stepName
                        + "\": cannot load model " + info.name() + ": " + e.getMessage(), e);
            }
        }
        return runtime;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (runtime != null) {
            OnnxRuntimeCache.release(runtime);
            runtime = null;
        }
    }

    @Override
    public String toString() {
        return "OnnxEmbeddingModel[" + info.name() + ", " + info.dimension() + " dims, " + maxSequenceLength
                + " tokens, " + threads + " threads]";
    }
}
