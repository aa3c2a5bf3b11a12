package io.vectorsync.transformer.embedding;

import io.vectorsync.api.PluginContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.config.Secret;
import io.vectorsync.api.model.EmbeddingModel;
import io.vectorsync.api.model.EmbeddingModelFactory;
import io.vectorsync.api.model.Embeddings;
import io.vectorsync.api.model.ModelException;
import io.vectorsync.api.model.ModelLimits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A test model provider ("fake"): deterministic vectors seeded by the text's hash, with knobs for the limits,
 * latency and every failure the embedding step must handle. It records every call it receives.
 */
final class FakeEmbeddingModelFactory implements EmbeddingModelFactory {
    static final Option<String> MODEL_NAME = Option.stringOption("modelName").defaultValue("fake-embed").build();
    static final Option<Secret> API_KEY = Option.secretOption("apiKey").build();
    static final Option<String> ENDPOINT = Option.stringOption("endpoint").build();
    static final Option<Integer> DIMENSION = Option.intOption("dimension").defaultValue(1024).build();

    /** A call the model received: its texts and when it started (nanoTime). */
    record Call(List<String> texts, long startNanos) {
    }

    volatile int maxRowsPerCall = 10;
    volatile int maxCharsPerText;
    volatile int maxTokensPerText;
    volatile int fixedDimension;
    volatile long latencyMinMs;
    volatile long latencyMaxMs;
    volatile String badMarker = "#BAD#";
    volatile boolean echoKeyInErrors;
    volatile int vectorCountDelta;
    volatile int dimensionDelta;
    volatile ModelException alwaysFail;
    /** Thrown by the next calls, one per call, before anything else. */
    final Queue<Supplier<ModelException>> nextFailures = new ConcurrentLinkedQueue<>();
    final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlightSeen = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String description() {
        return "test model";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.builder().add(MODEL_NAME, API_KEY, ENDPOINT, DIMENSION).build();
    }

    /** The vector the fake gives {@code text}. */
    static float[] vector(String text, int dimension) {
        Random random = new Random(text.hashCode() * 31L + text.length());
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = random.nextFloat() * 2 - 1;
        }
        return v;
    }

    /** Every text the model was sent, over all calls. */
    List<String> textsSent() {
        synchronized (calls) {
            return calls.stream().flatMap(c -> c.texts().stream()).toList();
        }
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    public EmbeddingModel create(PluginConfig config, PluginContext context) {
        int dimension = fixedDimension > 0 ? fixedDimension : config.get(DIMENSION);
        String key = config.get(API_KEY) == null ? "" : config.get(API_KEY).reveal();
        String modelName = config.get(MODEL_NAME);
        return new EmbeddingModel() {
            @Override
            public ModelLimits limits() {
                return new ModelLimits(maxRowsPerCall, maxCharsPerText, maxTokensPerText, dimension);
            }

            @Override
            public String cacheKey() {
                return "fake/" + modelName + "/" + dimension;
            }

            @Override
            public CompletableFuture<Embeddings> embed(List<String> texts) {
                calls.add(new Call(List.copyOf(texts), System.nanoTime()));
                int now = inFlight.incrementAndGet();
                maxInFlightSeen.accumulateAndGet(now, Math::max);
                CompletableFuture<Embeddings> result = new CompletableFuture<>();
                try {
                    result.complete(answer(texts));
                } catch (ModelException e) {
                    result.completeExceptionally(e);
                }
                long latency = latencyMaxMs <= 0 ? 0
                        : ThreadLocalRandom.current().nextLong(latencyMinMs, latencyMaxMs + 1);
                if (latency == 0) {
                    inFlight.decrementAndGet();
                    return result;
                }
                CompletableFuture<Embeddings> delayed = new CompletableFuture<>();
                CompletableFuture.delayedExecutor(latency, TimeUnit.MILLISECONDS).execute(() -> {
                    inFlight.decrementAndGet();
                    result.whenComplete((r, e) -> {
                        if (e != null) {
                            delayed.completeExceptionally(e);
                        } else {
                            delayed.complete(r);
                        }
                    });
                });
                return delayed;
            }

            private Embeddings answer(List<String> texts) {
                Supplier<ModelException> next = nextFailures.poll();
                if (next != null) {
                    throw next.get();
                }
                if (alwaysFail != null) {
                    throw alwaysFail;
                }
                if (texts.size() > maxRowsPerCall) {
                    throw new ModelException(ModelException.Kind.FATAL, 400, "batch of " + texts.size()
                            + " is over the limit of " + maxRowsPerCall);
                }
                for (String t : texts) {
                    if (t.contains(badMarker)) {
                        throw new ModelException(ModelException.Kind.BAD_INPUT, 400,
                                "DataInspectionFailed: input data may contain inappropriate content"
                                        + (echoKeyInErrors ? " (key " + key + ")" : ""));
                    }
                    if (maxCharsPerText > 0 && t.length() > maxCharsPerText) {
                        throw new ModelException(ModelException.Kind.BAD_INPUT, 400, "text too long");
                    }
                }
                List<float[]> vectors = new ArrayList<>();
                long tokens = 0;
                for (String t : texts) {
                    vectors.add(vector(t, dimension + dimensionDelta));
                    tokens += t.length();
                }
                if (vectorCountDelta < 0) {
                    vectors = vectors.subList(0, Math.max(0, vectors.size() + vectorCountDelta));
                } else {
                    for (int i = 0; i < vectorCountDelta; i++) {
                        vectors.add(vector("extra" + i, dimension));
                    }
                }
                return new Embeddings(vectors, tokens);
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }
}
