package io.vectorsync.core.stats;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %msg} with secrets masked: the distribution's logback.xml uses it as {@code %maskedMsg}. It masks
 * with every running job's masker ({@link SecretMasker#maskAll}): a log line may come from any thread.
 */
public final class MaskingMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return SecretMasker.maskAll(super.convert(event));
    }
}
