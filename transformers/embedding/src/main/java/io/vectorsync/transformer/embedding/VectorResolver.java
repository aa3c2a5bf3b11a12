package io.vectorsync.transformer.embedding;

import static java.util.Objects.requireNonNull;

import io.vectorsync.api.Metrics;
import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Finds the vector of each distinct text through the tiers, cheapest first: the in-memory {@link EmbeddingCache},
 * a text another stream is embedding right now (awaited, not sent again), the {@link PersistentCache}, and last the
 * model ({@link EmbeddingCallScheduler}). Shared by all streams of the step; so texts sent to the model are exactly
 * the distinct texts no tier had, however many streams ask for them at once.
 *
 * <p>A stream first claims the texts nobody is working on (an entry in {@link #inFlight}), resolves them, and only
 * then waits for texts other streams claimed: since every stream finishes its own claims before waiting, no two
 * streams wait for each other.
 *
 * <p>Metrics, per distinct text of a batch: {@code cacheHits} (memory), {@code inFlightHits} (awaited from another
 * stream), {@code persistentCacheHits} (disk or shared store), {@code cacheMisses} (sent to the model).
 */
final class VectorResolver {
    static final String IN_FLIGHT_HITS = "inFlightHits";
    static final String PERSISTENT_CACHE_HITS = "persistentCacheHits";
    private static final long POLL_MILLIS = 200;

    /** A vector, or the provider's reason for rejecting the text. */
    record Outcome(float[] vector, String rejection) {
    }

    private final EmbeddingCache memory;
    private final PersistentCache persistent; // null when disabled
    private final EmbeddingCallScheduler scheduler;
    private final BooleanSupplier stopRequested;
    private final String stepName;
    private final Map<String, CompletableFuture<Outcome>> inFlight = new ConcurrentHashMap<>();
    private final Metrics.Counter memoryHits;
    private final Metrics.Counter inFlightHits;
    private final Metrics.Counter persistentHits;
    private final Metrics.Counter misses;

    VectorResolver(EmbeddingCache memory, PersistentCache persistent, EmbeddingCallScheduler scheduler,
                   Metrics metrics, BooleanSupplier stopRequested, String stepName) {
        this.memory = requireNonNull(memory, "memory is null");
        this.persistent = persistent;
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.stopRequested = requireNonNull(stopRequested, "stopRequested is null");
        this.stepName = stepName;
        this.memoryHits = metrics.counter(Metrics.CACHE_HITS);
        this.inFlightHits = metrics.counter(IN_FLIGHT_HITS);
        this.persistentHits = metrics.counter(PERSISTENT_CACHE_HITS);
        this.misses = metrics.counter(Metrics.CACHE_MISSES);
    }

    /** The outcome of every text of {@code distinct} (no duplicates, no nulls). */
    Map<String, Outcome> resolve(Collection<String> distinct) throws InterruptedException {
        Map<String, Outcome> out = new HashMap<>();
        Map<String, CompletableFuture<Outcome>> mine = new LinkedHashMap<>();
        Map<String, CompletableFuture<Outcome>> others = new LinkedHashMap<>();
        for (String text : distinct) {
            float[] v = memory.get(text);
            if (v != null) {
                memoryHits.increment();
                out.put(text, new Outcome(v, null));
                continue;
            }
            CompletableFuture<Outcome> claim = new CompletableFuture<>();
            CompletableFuture<Outcome> existing = inFlight.putIfAbsent(text, claim);
            if (existing != null) {
                others.put(text, existing);
                continue;
            }
            // another stream may have finished this text between our look-up and the claim
            v = memory.get(text);
            if (v != null) {
                memoryHits.increment();
                out.put(text, new Outcome(v, null));
                claim.complete(out.get(text));
                inFlight.remove(text, claim);
            } else {
                mine.put(text, claim);
            }
        }
        if (!mine.isEmpty()) {
            resolveClaimed(mine, out);
        }
        for (Map.Entry<String, CompletableFuture<Outcome>> e : others.entrySet()) {
            out.put(e.getKey(), await(e.getValue()));
            inFlightHits.increment();
        }
        return out;
    }

    private void resolveClaimed(Map<String, CompletableFuture<Outcome>> mine, Map<String, Outcome> out)
            throws InterruptedException {
        try {
            List<String> toEmbed = new ArrayList<>(mine.keySet());
            if (persistent != null) {
                Map<String, float[]> stored = persistent.getAll(toEmbed);
                if (!stored.isEmpty()) {
                    toEmbed.removeIf(stored::containsKey);
                    for (Map.Entry<String, float[]> e : stored.entrySet()) {
                        persistentHits.increment();
                        finish(mine, out, e.getKey(), new Outcome(e.getValue(), null));
                    }
                }
            }
            if (!toEmbed.isEmpty()) {
                misses.add(toEmbed.size());
                EmbeddingCallScheduler.Result result = scheduler.embedAll(toEmbed);
                Map<String, float[]> fresh = new LinkedHashMap<>();
                for (int j = 0; j < toEmbed.size(); j++) {
                    float[] v = result.vectors()[j];
                    if (v != null) {
                        fresh.put(toEmbed.get(j), v);
                    }
                    finish(mine, out, toEmbed.get(j), new Outcome(v, v == null ? result.rejections()[j] : null));
                }
                if (persistent != null && !fresh.isEmpty()) {
                    persistent.putAll(fresh);
                }
            }
        } catch (Throwable e) {
            // the streams waiting for these texts fail with the same error instead of waiting forever
            mine.values().forEach(f -> f.completeExceptionally(e));
            throw e;
        } finally {
            mine.forEach(inFlight::remove);
        }
    }

    private void finish(Map<String, CompletableFuture<Outcome>> mine, Map<String, Outcome> out, String text,
                        Outcome outcome) {
        if (outcome.vector() != null) {
            memory.put(text, outcome.vector()); // before the claim goes away, so later look-ups find it
        }
        out.put(text, outcome);
        mine.get(text).complete(outcome);
    }

    private Outcome await(CompletableFuture<Outcome> f) throws InterruptedException {
        while (true) {
            if (stopRequested.getAsBoolean()) {
                throw new PluginException(CommonErrorCode.CANCELLED, stepName + ": stopped while embedding");
            }
            try {
                return f.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // poll again, checking the stop signal
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new PluginException(EmbeddingErrorCode.MODEL_FAILED, stepName + ": embedding failed in "
                        + "another stream: " + cause, cause);
            }
        }
    }
}
