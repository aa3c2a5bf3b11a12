package io.vectorsync.reader.oss;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSSException;
import io.vectorsync.api.error.PluginException;
import java.util.Set;

/** Turns OSS SDK exceptions into {@link PluginException}s naming the step, bucket and object, never a secret. */
final class OssErrors {
    private static final Set<String> AUTH = Set.of("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
            "SecurityTokenExpired", "InvalidSecurityToken", "InvalidBucketName");
    private static final Set<String> TRANSIENT = Set.of("InternalError", "ServiceUnavailable", "RequestTimeout",
            "SlowDown", "QpsLimitExceeded");

    private OssErrors() {
    }

    /**
     * @param what e.g. {@code object "a/b.jsonl"} or {@code objects under prefix "a/"}
     */
    static PluginException translate(RuntimeException e, String step, String endpoint, String bucket, String what) {
        String where = "step \"" + step + "\": ";
        if (e instanceof OSSException oe) {
            String code = oe.getErrorCode() == null ? "" : oe.getErrorCode();
            String detail = " (OSS " + code + (oe.getErrorMessage() == null ? "" : ": " + oe.getErrorMessage())
                    + (oe.getRequestId() == null ? "" : ", request id " + oe.getRequestId()) + ")";
            if (code.equals("NoSuchBucket")) {
                return new PluginException(OssErrorCode.BUCKET_NOT_FOUND, where + "bucket \"" + bucket
                        + "\" does not exist at endpoint " + endpoint + "; check \"bucket\" and \"endpoint\"" + detail, e);
            }
            if (code.equals("NoSuchKey")) {
                return new PluginException(OssErrorCode.OBJECT_NOT_FOUND, where + what + " does not exist in bucket \""
                        + bucket + "\"; check \"object\"" + detail, e);
            }
            if (AUTH.contains(code)) {
                return new PluginException(OssErrorCode.ACCESS_DENIED, where + "OSS refused access to " + what
                        + " in bucket \"" + bucket + "\"; check \"accessId\"/\"accessKey\"/\"securityToken\" and the "
                        + "RAM permissions (oss:ListObjects, oss:GetObject)" + detail, e);
            }
            if (TRANSIENT.contains(code)) {
                return new PluginException(OssErrorCode.TRANSIENT, where + "OSS failed reading " + what
                        + " in bucket \"" + bucket + "\"; try again later" + detail, e);
            }
            return new PluginException(OssErrorCode.REQUEST_FAILED, where + "OSS failed reading " + what
                    + " in bucket \"" + bucket + "\"" + detail, e);
        }
        if (e instanceof ClientException ce) {
            return new PluginException(OssErrorCode.TRANSIENT, where + "cannot reach OSS at " + endpoint
                    + " reading " + what + " in bucket \"" + bucket + "\": " + ce.getErrorMessage()
                    + "; check \"endpoint\" and the network", e);
        }
        if (e instanceof PluginException pe) {
            return pe;
        }
        if (e instanceof IllegalArgumentException) {
            return new PluginException(io.vectorsync.api.error.CommonErrorCode.CONFIG_INVALID, where
                    + "the OSS client refused the request for " + what + " in bucket \"" + bucket + "\": "
                    + e.getMessage() + "; check \"bucket\", \"object\" and \"endpoint\"", e);
        }
        return new PluginException(OssErrorCode.REQUEST_FAILED, where + "reading " + what + " in bucket \"" + bucket
                + "\" failed: " + e, e);
    }
}
