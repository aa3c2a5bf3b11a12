package io.vectorsync.api.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class PluginExceptionTest {
    @Test
    void carriesCodeRetriabilityAndCauseWithoutPastingIt() {
        IOException cause = new IOException("connection reset");
        PluginException e = new PluginException(CommonErrorCode.EXTERNAL_TRANSIENT, "bulk request failed", cause);
        assertSame(cause, e.getCause());
        assertEquals("bulk request failed", e.getMessage());
        assertTrue(e.retriable());
        assertEquals(ErrorCategory.EXTERNAL, e.errorCode().category());
        assertFalse(new PluginException(CommonErrorCode.AUTH_FAILED, "x").retriable());
        assertThrows(NullPointerException.class, () -> new PluginException(null, "x"));
    }

    @Test
    void configShortcutNamesTheParameter() {
        PluginException e = PluginException.config("batchSize", "must be positive");
        assertEquals("\"batchSize\": must be positive", e.getMessage());
        assertEquals(CommonErrorCode.CONFIG_INVALID, e.errorCode());
        assertEquals(ErrorCategory.USER_CONFIG, e.errorCode().category());
    }

    @Test
    void adHocCodesAndCommonCodes() {
        ErrorCode c = ErrorCode.of("milvus.COLLECTION_MISSING", ErrorCategory.USER_CONFIG, false);
        assertEquals("milvus.COLLECTION_MISSING", c.code());
        assertEquals("milvus.COLLECTION_MISSING", c.toString());
        assertFalse(c.retriable());
        assertEquals("CONVERSION_FAILED", CommonErrorCode.CONVERSION_FAILED.code());
        assertEquals(ErrorCategory.DATA, CommonErrorCode.MALFORMED_RECORD.category());
    }
}
