package io.vectorsync.core.stats;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Stack traces in logs ({@code %maskedEx}), masked with every running job's masker ({@link SecretMasker#maskAll}). */
public final class MaskingThrowableConverter extends ThrowableProxyConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return SecretMasker.maskAll(super.convert(event));
    }
}
