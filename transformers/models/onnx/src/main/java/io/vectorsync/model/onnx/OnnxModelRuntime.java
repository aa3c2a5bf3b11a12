package io.vectorsync.model.onnx;

import static java.util.Objects.requireNonNull;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * One loaded model: one ONNX Runtime session and its Hugging Face tokenizer, shared by every client of the model in
 * the JVM (see {@link OnnxRuntimeCache}), so the weights are in memory once however many steps and streams use it.
 * Thread-safe: ONNX Runtime sessions and tokenizers may be used from several threads at once.
 *
 * <p>A call tokenizes its texts in the caller's thread (truncating each to the sequence limit) and hands them to
 * the {@link OnnxMicroBatcher}, which merges them with the other clients' calls into runs, sorts each run by token
 * count and runs it in sub-batches padded only to their own longest text.
 *
 * <p>Threads, from the cores ({@code threads}, default the available processors): {@code threads} runs at once,
 * and the session's intra-op pool also has {@code threads} threads. A run's operators are shared out to the pool
 * only when it has a free thread: with every runner busy each run is in effect single-threaded (the most
 * throughput per core), while one lone run (one text from one caller) still uses every core.
 */
final class OnnxModelRuntime implements AutoCloseable {
    /** Intra-op threads of the session; default {@code threads}. */
    private static final String INTRA_OP_THREADS = "vectorsync.onnx.intraOpThreads";
    /** Bounded wait of a small run for other callers' texts, in milliseconds. */
    static final double MAX_WAIT_MILLIS = Double.parseDouble(System.getProperty("vectorsync.onnx.maxWaitMillis", "2"));

    private final OnnxModelInfo info;
    private final int threads;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String outputName;
    private final boolean wantsTokenTypes;
    private final byte[] tokenizerJson;
    private final Map<Integer, HuggingFaceTokenizer> tokenizers = new ConcurrentHashMap<>();
    private final OnnxMicroBatcher batcher;

    private OnnxModelRuntime(OnnxModelInfo info, int threads, OrtEnvironment env, OrtSession session,
                             byte[] tokenizerJson) throws OrtException {
        this.info = info;
        this.threads = threads;
        this.env = env;
        this.session = session;
        this.tokenizerJson = tokenizerJson;
        this.outputName = tokenStatesOutput(session, info);
        this.wantsTokenTypes = session.getInputNames().contains("token_type_ids");
        // a model whose texts run alone gains nothing by waiting for batch mates
        this.batcher = info.batchable()
                ? new OnnxMicroBatcher(info.name(), threads, OnnxMicroBatcher.SUB_BATCH_ROWS,
                        (long) (MAX_WAIT_MILLIS * 1_000_000), OnnxModelRuntime.class.getClassLoader(), this::runSubBatch)
                : new OnnxMicroBatcher(info.name(), threads, 1, 0, OnnxModelRuntime.class.getClassLoader(),
                        this::runSubBatch);
    }

    /** Loads {@code info}'s files from {@code loader} and opens a session with {@code threads} intra-op threads. */
    static OnnxModelRuntime load(OnnxModelInfo info, int threads, ClassLoader loader) throws IOException, OrtException {
        // ONNX Runtime and DJL find their native libraries through the context class loader too
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return loadWithContext(info, threads, loader);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static OnnxModelRuntime loadWithContext(OnnxModelInfo info, int threads, ClassLoader loader)
            throws IOException, OrtException {
        byte[] graph = readResource(loader, info.onnxResource(), info);
        byte[] tokenizer = readResource(loader, info.tokenizerResource(), info);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        // no spinning pool threads: they would burn the cores other runs and other steps need
        OrtSession session = createSession(env, graph, Integer.getInteger(INTRA_OP_THREADS, threads));
        try {
            OnnxModelRuntime runtime = new OnnxModelRuntime(info, threads, env, session, tokenizer);
            runtime.tokenizer(info.maxSequenceLength());
            return runtime;
        } catch (RuntimeException | OrtException e) {
            session.close();
            throw e;
        }
    }

    private static OrtSession createSession(OrtEnvironment env, byte[] graph, int intraOpThreads) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            return env.createSession(graph, options);
        }
    }

    private static byte[] readResource(ClassLoader loader, String name, OnnxModelInfo info) throws IOException {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " of model " + info.name() + " is not on the plugin's "
                        + "class path; the plugin's lib/ must contain the jar of " + info.artifact());
            }
            return in.readAllBytes();
        }
    }

    /** The output holding per-token states: the first one shaped [batch, sequence, hidden]. */
    private static String tokenStatesOutput(OrtSession session, OnnxModelInfo info) throws OrtException {
        for (Map.Entry<String, NodeInfo> e : session.getOutputInfo().entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t && t.getShape().length == 3
                    && t.getShape()[2] == info.dimension()) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("model " + info.name() + " has no [batch, sequence, " + info.dimension()
                + "] output; outputs: " + session.getOutputInfo());
    }

    OnnxModelInfo info() {
        return info;
    }

    int threads() {
        return threads;
    }

    /** The tokenizer truncating to {@code maxLength} tokens, special tokens included, without padding. */
    HuggingFaceTokenizer tokenizer(int maxLength) {
        return tokenizers.computeIfAbsent(maxLength, len -> {
            try {
                return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson), Map.of(
                        "addSpecialTokens", "true",
                        "truncation", "true",
                        "padding", "false",
                        "maxLength", Integer.toString(len)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the tokenizer of model " + info.name(), e);
            }
        });
    }

    /** The vectors of one call and what it took. */
    record Result(List<float[]> vectors, long tokens, int truncated) {
    }

    /**
     * Embeds {@code texts}: one unit-length vector per text, in order. Tokenizes in the calling thread, then queues
     * the texts on the micro-batcher; the future completes when all have their vectors.
     */
    CompletableFuture<Result> embed(List<String> texts, int maxLength) {
        int n = texts.size();
        if (n == 0) {
            return CompletableFuture.completedFuture(new Result(List.of(), 0, 0));
        }
        Encoding[] encodings = tokenizer(maxLength).batchEncode(texts.toArray(String[]::new), true, false);
        long[][] ids = new long[n][];
        long tokens = 0;
        int truncated = 0;
        for (int i = 0; i < n; i++) {
            ids[i] = encodings[i].getIds();
            tokens += ids[i].length;
            if (encodings[i].exceedMaxLength()) {
                truncated++;
            }
        }
        long totalTokens = tokens;
        int totalTruncated = truncated;
        return batcher.submit(ids)
                .thenApply(vectors -> new Result(Arrays.asList(vectors), totalTokens, totalTruncated));
    }

    /** One ONNX run: {@code ids} sorted longest first, padded to the first one's length. */
    private float[][] runSubBatch(long[][] ids) throws OrtException {
        int rows = ids.length;
        int seq = ids[0].length;
        long[] shape = {rows, seq};
        LongBuffer inputIds = directLongs(rows * seq);
        LongBuffer mask = directLongs(rows * seq);
        for (int r = 0; r < rows; r++) {
            inputIds.put(r * seq, ids[r]);
            for (int t = 0; t < ids[r].length; t++) {
                mask.put(r * seq + t, 1L);
            }
        }
        float[][] vectors = new float[rows][];
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(env, inputIds, shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(env, mask, shape);
             OnnxTensor typesTensor = wantsTokenTypes
                     ? OnnxTensor.createTensor(env, directLongs(rows * seq), shape) : null) {
            Map<String, OnnxTensor> inputs = typesTensor == null
                    ? Map.of("input_ids", idsTensor, "attention_mask", maskTensor)
                    : Map.of("input_ids", idsTensor, "attention_mask", maskTensor, "token_type_ids", typesTensor);
            try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
                FloatBuffer states = ((OnnxTensor) result.get(0)).getFloatBuffer();
                int dim = info.dimension();
                for (int r = 0; r < rows; r++) {
                    float[] v = info.pooling().pool(states, r, seq, ids[r].length, dim);
                    OnnxPooling.normalize(v);
                    vectors[r] = v;
                }
            }
        }
        return vectors;
    }

    /** A zeroed direct buffer in native order, which ONNX Runtime reads without a copy. */
    private static LongBuffer directLongs(int count) {
        return ByteBuffer.allocateDirect(count * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
    }

    @Override
    public void close() {
        batcher.close();
        tokenizers.values().forEach(HuggingFaceTokenizer::close);
        tokenizers.clear();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the session of model " + requireNonNull(info.name()), e);
        }
    }
}
