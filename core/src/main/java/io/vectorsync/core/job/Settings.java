package io.vectorsync.core.job;

/**
 * The job's {@code setting}: concurrency, throttling and error limits (DataWorks/DataX names).
 *
 * @param concurrent             {@code speed.concurrent} (DataX also {@code speed.channel}): parallel streams
 * @param throttle               {@code speed.throttle}: whether {@code mbps} applies
 * @param mbps                   {@code speed.mbps}: bytes limit for the whole job, in MB/s (0 = none)
 * @param recordsPerSecond       {@code speed.record}: records limit for the whole job (0 = none)
 * @param errorLimitRecords      {@code errorLimit.record}: dirty records allowed (null = no limit)
 * @param errorLimitPercentage   {@code errorLimit.percentage}: dirty share allowed, 0..1 (null = no limit)
 */
public record Settings(int concurrent, boolean throttle, double mbps, long recordsPerSecond, Long errorLimitRecords,
                       Double errorLimitPercentage) {

    public static Settings defaults() {
        return new Settings(1, false, 0, 0, null, null);
    }
}
