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
 * One loaded model: an ONNX Runtime session and its Hugging Face tokenizer, shared by every client of the same
 * model and thread count in the JVM (see {@link OnnxRuntimeCache}). Thread-safe: ONNX Runtime sessions and
 * tokenizers may be used from several threads at once.
 *
 * <p>A call tokenizes all texts (truncating each to the sequence limit), sorts them by token count and runs them
 * in sub-batches padded only to their own longest text, so short texts do not pay for long ones. Sub-batches run
 * single-threaded on {@code threads} workers, which also bound the CPU the model takes however many streams call.
 */
final class OnnxModelRuntime implements AutoCloseable {
    /** Texts per ONNX run at most. */
    static final int SUB_BATCH_ROWS = Integer.getInteger("vectorsync.onnx.subBatchRows", 16);
    /** Padded tokens (rows × longest) per ONNX run at most, so long texts run in smaller groups. */
    static final int SUB_BATCH_TOKENS = Integer.getInteger("vectorsync.onnx.subBatchTokens", 8192);

    private final OnnxModelInfo info;
    private final int threads;
    private final OrtEnvironment env;
    private final OrtSession session;
    /** The same model with {@code threads} intra-op threads, for calls too small to split (null with one thread). */
    private final OrtSession parallelSession;
    private final String outputName;
    private final boolean wantsTokenTypes;
    private final byte[] tokenizerJson;
    private final Map<Integer, HuggingFaceTokenizer> tokenizers = new ConcurrentHashMap<>();
    private final ExecutorService workers;

    private OnnxModelRuntime(OnnxModelInfo info, int threads, OrtEnvironment env, OrtSession session,
                             OrtSession parallelSession, byte[] tokenizerJson) throws OrtException {
        this.info = info;
        this.threads = threads;
        this.env = env;
        this.session = session;
        this.parallelSession = parallelSession;
        this.tokenizerJson = tokenizerJson;
        this.outputName = tokenStatesOutput(session, info);
        this.wantsTokenTypes = session.getInputNames().contains("token_type_ids");
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "onnx-" + info.name() + "-" + count.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(OnnxModelRuntime.class.getClassLoader());
            return t;
        });
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
        // each run of the main session is single-threaded and runs are spread over the workers: no
        // synchronisation between operators and no spinning pool threads (measured: 4-5 CPU-ms per sentence against
        // 5-8 with two intra-op threads, and 14 at one text per call with spinning). A call too small to split
        // (one text) would leave the other cores idle, so it runs on a second session with intra-op threads.
        OrtSession session = createSession(env, graph, 1);
        OrtSession parallel = null;
        try {
            parallel = threads > 1 ? createSession(env, graph, threads) : null;
            OnnxModelRuntime runtime = new OnnxModelRuntime(info, threads, env, session, parallel, tokenizer);
            runtime.tokenizer(info.maxSequenceLength());
            return runtime;
        } catch (RuntimeException | OrtException e) {
            session.close();
            if (parallel != null) {
                parallel.close();
            }
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
     * Embeds {@code texts}: one unit-length vector per text, in order. Tokenizes in the calling thread, then runs
     * the sub-batches on the runtime's workers; the future completes when all are done.
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
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> ids[i].length).reversed());
        // enough sub-batches to keep every worker busy, few enough to keep each run's matrices large
        int rows = Math.max(1, Math.min(SUB_BATCH_ROWS, (n + threads - 1) / threads));
        float[][] vectors = new float[n][];
        List<int[]> bounds = new ArrayList<>();
        int start = 0;
        while (start < n) {
            int longest = ids[order[start]].length;
            int end = start + 1;
            while (end < n && end - start < rows && (end - start + 1) * longest <= SUB_BATCH_TOKENS) {
                end++;
            }
            bounds.add(new int[] {start, end, longest});
            start = end;
        }
        // one sub-batch cannot be spread over the workers: let ONNX Runtime spread its operators instead
        OrtSession chosen = bounds.size() == 1 && parallelSession != null ? parallelSession : session;
        List<CompletableFuture<Void>> parts = new ArrayList<>();
        for (int[] b : bounds) {
            parts.add(CompletableFuture.runAsync(() -> runSubBatch(chosen, ids, order, b[0], b[1], b[2], vectors), workers));
        }
        long totalTokens = tokens;
        int totalTruncated = truncated;
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(done -> new Result(Arrays.asList(vectors), totalTokens, totalTruncated));
    }

    private void runSubBatch(OrtSession runOn, long[][] ids, Integer[] order, int from, int to, int seq,
                             float[][] vectors) {
        try {
            runSubBatchOrThrow(runOn, ids, order, from, to, seq, vectors);
        } catch (OrtException e) {
            throw new CompletionException(e);
        }
    }

    private void runSubBatchOrThrow(OrtSession runOn, long[][] ids, Integer[] order, int from, int to, int seq,
                                    float[][] vectors) throws OrtException {
        int rows = to - from;
        long[] shape = {rows, seq};
        LongBuffer inputIds = directLongs(rows * seq);
        LongBuffer mask = directLongs(rows * seq);
        for (int r = 0; r < rows; r++) {
            long[] row = ids[order[from + r]];
            inputIds.put(r * seq, row);
            for (int t = 0; t < row.length; t++) {
                mask.put(r * seq + t, 1L);
            }
        }
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(env, inputIds, shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(env, mask, shape);
             OnnxTensor typesTensor = wantsTokenTypes
                     ? OnnxTensor.createTensor(env, directLongs(rows * seq), shape) : null) {
            Map<String, OnnxTensor> inputs = typesTensor == null
                    ? Map.of("input_ids", idsTensor, "attention_mask", maskTensor)
                    : Map.of("input_ids", idsTensor, "attention_mask", maskTensor, "token_type_ids", typesTensor);
            try (OrtSession.Result result = runOn.run(inputs, Set.of(outputName))) {
                OnnxTensor states = (OnnxTensor) result.get(0);
                FloatBuffer buffer = states.getFloatBuffer();
                int dim = info.dimension();
                for (int r = 0; r < rows; r++) {
                    int index = order[from + r];
                    float[] v = info.pooling().pool(buffer, r, seq, ids[index].length, dim);
                    OnnxPooling.normalize(v);
                    vectors[index] = v;
                }
            }
        }
    }

    /** A zeroed direct buffer in native order, which ONNX Runtime reads without a copy. */
    private static LongBuffer directLongs(int count) {
        return ByteBuffer.allocateDirect(count * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
    }

    @Override
    public void close() {
        workers.shutdownNow();
        tokenizers.values().forEach(HuggingFaceTokenizer::close);
        tokenizers.clear();
        try {
            session.close();
            if (parallelSession != null) {
                parallelSession.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("closing the session of model " + requireNonNull(info.name()), e);
        }
    }
}
