package io.vectorsync.writer.ha3;

import io.vectorsync.api.config.PluginConfig;

/** The task-level settings, read once from the step's parameters. */
record Ha3Settings(int batchSize, int maxRequestBytes, int maxRetries, long retryIntervalMs, boolean ignoreWriteError) {
    static Ha3Settings of(PluginConfig config) {
        return new Ha3Settings(config.get(Ha3Options.BATCH_SIZE), config.get(Ha3Options.MAX_REQUEST_BYTES),
                config.get(Ha3Options.MAX_RETRIES), config.get(Ha3Options.RETRY_INTERVAL_MS),
                config.get(Ha3Options.IGNORE_WRITE_ERROR));
    }
}
