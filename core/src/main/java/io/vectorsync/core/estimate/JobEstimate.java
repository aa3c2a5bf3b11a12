package io.vectorsync.core.estimate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run of a job would embed and cost, as {@code vectorsync estimate} reports it. With a sample, the counts
 * are extrapolated from the sampled records to all records read.
 *
 * @param records          records the reader produced (all of them, even with a sample)
 * @param sampledRecords   records that went through the transformers
 * @param texts            texts to embed (records with a non-empty text)
 * @param distinctTexts    distinct texts among them
 * @param cachedTexts      distinct texts already in the persistent embedding cache
 * @param tokens           tokens of the texts to send (the provider's tokenizer or its documented approximation)
 * @param modelCalls       requests the run would make (packed as a run packs them)
 * @param costAmount       estimated cost, or null when the provider has no price for the model
 * @param currency         the cost's currency, or null
 * @param estimatedSeconds duration at the configured rate limits, or null when none is configured
 */
public record JobEstimate(long records, long sampledRecords, long texts, long distinctTexts, long cachedTexts,
                          long tokens, long modelCalls, Double costAmount, String currency, Double estimatedSeconds) {

    /** The report's JSON keys. */
    public Map<String, Object> toReport() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("records", records);
        m.put("sampledRecords", sampledRecords);
        m.put("texts", texts);
        m.put("distinctTexts", distinctTexts);
        m.put("cachedTexts", cachedTexts);
        m.put("tokens", tokens);
        m.put("modelCalls", modelCalls);
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("amount", costAmount);
        cost.put("currency", currency);
        m.put("estimatedCost", cost);
        m.put("estimatedSeconds", estimatedSeconds);
        return m;
    }

    /** A short table for the terminal. */
    public String table(String jobName) {
        StringBuilder sb = new StringBuilder();
        sb.append("Estimate for job ").append(jobName)
                .append(sampledRecords < records ? " (from a sample of " + sampledRecords + " records)" : "")
                .append('\n');
        row(sb, "records", String.valueOf(records));
        row(sb, "texts", String.valueOf(texts));
        row(sb, "distinct texts", String.valueOf(distinctTexts));
        row(sb, "already cached", String.valueOf(cachedTexts));
        row(sb, "tokens", String.valueOf(tokens));
        row(sb, "model calls", String.valueOf(modelCalls));
        row(sb, "estimated cost", costAmount == null ? "unknown (no price for this model; set pricePerMillionTokens)"
                : String.format(java.util.Locale.ROOT, "%.4f %s", costAmount, currency));
        row(sb, "estimated time", estimatedSeconds == null ? "unknown (no rate limit configured: set requestsPerSecond,"
                + " requestsPerMinute or tokensPerMinute)" : String.format(java.util.Locale.ROOT, "%.0f s", estimatedSeconds));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, String value) {
        sb.append(String.format(java.util.Locale.ROOT, "  %-16s %s%n", name, value));
    }
}
