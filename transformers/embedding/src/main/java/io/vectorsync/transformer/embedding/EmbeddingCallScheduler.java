package io.vectorsync.transformer.embedding;

import static java.util.Objects.requireNonNull;

import io.vectorsync.api.Metrics;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.Embeddings;
import io.vectorsync.api.model.ModelException;
import io.vectorsync.api.model.OutputType;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Embeds a list of distinct texts through the model: cuts it into calls of at most {@code callSize} texts, keeps up
 * to {@code maxInFlight} calls in flight for the whole step, all streams together (the model's async
 * {@code embed}), waits for the shared
 * {@link EndpointRateLimiter} before each call, retries throttled and failed calls with {@link RetryPolicy},
 * splits a call the model rejects as bad input in halves until the offending texts are alone, and checks every
 * reply's vector count and dimension. Results are placed by index, so the caller gets them in order.
 *
 * <p>Each {@link #embedAll} runs in the calling thread (the stream's), with its own state; the object itself is
 * shared by all streams.
 */
final class EmbeddingCallScheduler {
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long SLOT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final EmbeddingModel model;
    private final String what; // "model provider "x" (model y)" for messages
    private final String stepName;
    private final int callSize;
    /** Calls in flight for the whole step: {@code concurrentRequests}, shared by every stream. */
    private final java.util.concurrent.Semaphore slots;
    private final int dimension;
    private final RetryPolicy retry;
    private final EndpointRateLimiter limiter;
    private final UnaryOperator<String> scrub;
    private final BooleanSupplier stopRequested;
    private final Metrics.Counter calls;
    private final Metrics.Counter rows;
    private final Metrics.Counter tokens;
    private final Metrics.Counter retries;
    private final Metrics.Counter throttled;
    private final Metrics.LatencyRecorder latency;
    private final CostMeter cost; // null when the price is unknown
    /** What each call asks for; for sparse types each text's result is a {@link SparsePayload}. */
    private volatile OutputType outputType = OutputType.DENSE;

    EmbeddingCallScheduler(EmbeddingModel model, String provider, String modelName, String stepName, int callSize,
                           int maxInFlight, int dimension, RetryPolicy retry, EndpointRateLimiter limiter,
                           Metrics metrics, UnaryOperator<String> scrub, BooleanSupplier stopRequested,
                           Optional<EmbeddingModel.Price> price) {
        this.model = requireNonNull(model, "model is null");
        this.what = "model provider \"" + provider + "\"" + (modelName == null ? "" : " (model " + modelName + ")");
        this.stepName = stepName;
        this.callSize = callSize;
        this.slots = new java.util.concurrent.Semaphore(maxInFlight);
        this.dimension = dimension;
        this.retry = requireNonNull(retry, "retry is null");
        this.limiter = requireNonNull(limiter, "limiter is null");
        this.scrub = requireNonNull(scrub, "scrub is null");
        this.stopRequested = requireNonNull(stopRequested, "stopRequested is null");
        this.calls = metrics.counter(Metrics.MODEL_CALLS);
        this.rows = metrics.counter(Metrics.ROWS_EMBEDDED);
        this.tokens = metrics.counter(Metrics.TOKENS);
        this.retries = metrics.counter(Metrics.RETRIES);
        this.throttled = metrics.counter(Metrics.THROTTLED);
        this.latency = metrics.latency(Metrics.MODEL_CALL_LATENCY);
        this.cost = price.map(p -> new CostMeter(p, metrics)).orElse(null);
    }

    /** Asks every later call for {@code type} (set once, before the first call). */
    EmbeddingCallScheduler outputType(OutputType type) {
        this.outputType = requireNonNull(type, "type is null");
        return this;
    }

    /** Money spent, from the tokens the provider reports: counter {@code costMicro<CURRENCY>} (millionths). */
    private static final class CostMeter {
        private final double perToken;
        private final Metrics.Counter counter;
        private double total;
        private long reported;

        CostMeter(EmbeddingModel.Price price, Metrics metrics) {
            this.perToken = price.perMillionTokens(); // in millionths of the currency per token
            this.counter = metrics.counter("costMicro" + price.currency());
        }

        synchronized void addTokens(long tokens) {
            total += tokens * perToken;
            long whole = (long) total;
            counter.add(whole - reported);
            reported = whole;
        }
    }

    /** Vectors per text, in order; a text the model rejected has a null vector and the provider's message. */
    record Result(float[][] vectors, String[] rejections) {
    }

    private record Call(int from, int to, int attempt, long notBeforeNanos) {
        int size() {
            return to - from;
        }
    }

    private record Done(Call call, Embeddings reply, Throwable error) {
    }

    Result embedAll(List<String> texts) throws InterruptedException {
        int n = texts.size();
        float[][] vectors = new float[n][];
        String[] rejections = new String[n];
        Deque<Call> ready = new ArrayDeque<>();
        PriorityQueue<Call> delayed = new PriorityQueue<>(Comparator.comparingLong(Call::notBeforeNanos));
        BlockingQueue<Done> done = new LinkedBlockingQueue<>();
        for (int i = 0; i < n; i += callSize) {
            ready.add(new Call(i, Math.min(n, i + callSize), 1, 0));
        }
        int inFlight = 0;
        while (!ready.isEmpty() || !delayed.isEmpty() || inFlight > 0) {
            if (stopRequested.getAsBoolean()) {
                throw new PluginException(CommonErrorCode.CANCELLED, stepName + ": stopped while embedding");
            }
            long now = System.nanoTime();
            while (!delayed.isEmpty() && delayed.peek().notBeforeNanos() <= now) {
                ready.add(delayed.poll());
            }
            while (!ready.isEmpty() && slots.tryAcquire()) {
                issue(ready.poll(), texts, done);
                inFlight++;
            }
            long wait = delayed.isEmpty() ? MAX_POLL_NANOS
                    : Math.max(0, Math.min(MAX_POLL_NANOS, delayed.peek().notBeforeNanos() - System.nanoTime()));
            if (!ready.isEmpty()) {
                // every slot is taken (by other streams too): look again soon, a slot may free in any stream
                wait = Math.min(wait, SLOT_POLL_NANOS);
            }
            if (inFlight == 0) {
                if (!ready.isEmpty() && slots.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
                    slots.release(); // taken for real at the top of the loop
                } else if (ready.isEmpty()) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                continue;
            }
            Done d = done.poll(wait, TimeUnit.NANOSECONDS);
            if (d == null) {
                continue;
            }
            inFlight--;
            handle(d, texts, vectors, rejections, ready, delayed);
        }
        return new Result(vectors, rejections);
    }

    private void issue(Call call, List<String> texts, BlockingQueue<Done> done) throws InterruptedException {
        List<String> sub = texts.subList(call.from(), call.to());
        int estimated = 0;
        for (String t : sub) {
            estimated += TextBudget.estimateTokens(t);
        }
        long sentAt;
        try {
            sentAt = limiter.acquirePermit(estimated, stopRequested, stepName);
        } catch (RuntimeException | InterruptedException e) {
            slots.release();
            throw e;
        }
        calls.increment();
        long start = System.nanoTime();
        CompletableFuture<Embeddings> future;
        try {
            future = model.embed(List.copyOf(sub), outputType);
            if (future == null) {
                future = CompletableFuture.failedFuture(new IllegalStateException("embed returned no future"));
            }
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        future.whenComplete((reply, error) -> {
            slots.release();
            latency.recordNanos(System.nanoTime() - start);
            Throwable cause = unwrap(error);
            // the limiter hears of the outcome at once, not when this stream next looks (it may be waiting for a
            // permit itself): a throttle reported a second late would be measured against the wrong window
            if (cause == null) {
                limiter.onSuccess(sentAt);
            } else if (cause instanceof ModelException me && me.kind() == ModelException.Kind.THROTTLED) {
                limiter.onThrottled(me.retryAfter(), sentAt);
            }
            done.add(new Done(call, reply, cause));
        });
    }

    private void handle(Done d, List<String> texts, float[][] vectors, String[] rejections, Deque<Call> ready,
                        PriorityQueue<Call> delayed) {
        Call call = d.call();
        if (d.error() == null) {
            List<float[]> got = checkReply(call, d.reply());
            for (int i = 0; i < got.size(); i++) {
                vectors[call.from() + i] = got.get(i);
            }
            rows.add(call.size());
            tokens.add(d.reply().tokens());
            if (cost != null) {
                cost.addTokens(d.reply().tokens());
            }
            return;
        }
        Throwable error = d.error();
        if (!(error instanceof ModelException me)) {
            if (error instanceof PluginException pe && !pe.retriable()) {
                throw new PluginException(EmbeddingErrorCode.MODEL_FAILED, stepName + ": " + what + " failed: "
                        + scrub.apply(pe.getMessage()), scrubbed(pe));
            }
            retryOrFail(call, error, Optional.empty(), delayed);
            return;
        }
        switch (me.kind()) {
            case THROTTLED -> {
                throttled.increment();
                retryOrFail(call, me, me.retryAfter(), delayed);
            }
            case TRANSIENT -> retryOrFail(call, me, me.retryAfter(), delayed);
            case BAD_INPUT -> {
                if (call.size() == 1) {
                    rejections[call.from()] = scrub.apply(me.getMessage());
                } else {
                    int mid = call.from() + call.size() / 2;
                    ready.addFirst(new Call(mid, call.to(), 1, 0));
                    ready.addFirst(new Call(call.from(), mid, 1, 0));
                }
            }
            case AUTH -> throw new PluginException(EmbeddingErrorCode.AUTH_FAILED, stepName + ": " + what
                    + " refused the credentials" + status(me) + ": " + scrub.apply(me.getMessage())
                    + "; check apiKey (and endpoint)", scrubbed(me));
            default -> throw new PluginException(EmbeddingErrorCode.MODEL_FAILED, stepName + ": " + what
                    + " failed" + status(me) + ": " + scrub.apply(me.getMessage()), scrubbed(me));
        }
    }

    private void retryOrFail(Call call, Throwable error, Optional<Duration> retryAfter, PriorityQueue<Call> delayed) {
        if (!retry.canRetry(call.attempt())) {
            throw new PluginException(EmbeddingErrorCode.MODEL_UNAVAILABLE, stepName + ": " + what
                    + " still failing after " + retry.maxRetries() + " retries" + status(error) + ": "
                    + scrub.apply(String.valueOf(error.getMessage()))
                    + "; check the service, or lower requestsPerSecond/concurrentRequests, or raise maxRetries",
                    scrubbed(error));
        }
        retries.increment();
        long delay = retry.delayMillis(call.attempt(), retryAfter);
        delayed.add(new Call(call.from(), call.to(), call.attempt() + 1,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay)));
    }

    private List<float[]> checkReply(Call call, Embeddings reply) {
        if (reply == null) {
            throw new PluginException(EmbeddingErrorCode.BAD_REPLY, stepName + ": " + what + " returned no result");
        }
        OutputType type = outputType;
        if (type == OutputType.DENSE) {
            return checkDense(call, reply.vectors());
        }
        List<float[]> dense = type.dense() ? checkDense(call, reply.vectors()) : null;
        if (reply.sparseVectors().size() != call.size()) {
            throw new PluginException(EmbeddingErrorCode.BAD_REPLY, stepName + ": " + what + " returned "
                    + reply.sparseVectors().size() + " sparse vectors for " + call.size() + " texts (outputType "
                    + type + "); refusing to guess which text each belongs to");
        }
        List<float[]> packed = new java.util.ArrayList<>(call.size());
        for (int i = 0; i < call.size(); i++) {
            packed.add(SparsePayload.pack(dense == null ? null : dense.get(i), reply.sparseVectors().get(i)));
        }
        return packed;
    }

    private List<float[]> checkDense(Call call, List<float[]> got) {
        if (got.size() != call.size()) {
            throw new PluginException(EmbeddingErrorCode.BAD_REPLY, stepName + ": " + what + " returned "
                    + got.size() + " vectors for " + call.size() + " texts; refusing to guess which text each belongs to");
        }
        for (float[] v : got) {
            int len = v == null ? 0 : v.length;
            if (len != dimension) {
                throw new PluginException(EmbeddingErrorCode.BAD_REPLY, stepName + ": " + what
                        + " returned a vector of " + len + " dimensions, expected " + dimension
                        + " (parameter dimension); check that the model supports this dimension");
            }
        }
        return got;
    }

    /** {@code e} itself, or a copy without the API key when its message contains it (chained causes get logged). */
    private Throwable scrubbed(Throwable e) {
        String message = e.getMessage();
        if (message == null || scrub.apply(message).equals(message)) {
            return e;
        }
        Throwable copy = e instanceof ModelException me
                ? new ModelException(me.kind(), me.httpStatus(), scrub.apply(message), me.retryAfter().orElse(null), null)
                : new IllegalStateException(e.getClass().getName() + ": " + scrub.apply(message));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    private static String status(Throwable e) {
        return e instanceof ModelException me && me.httpStatus() > 0 ? " (HTTP " + me.httpStatus() + ")" : "";
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
