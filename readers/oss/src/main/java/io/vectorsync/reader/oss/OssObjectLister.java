package io.vectorsync.reader.oss;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectMetadata;
import io.vectorsync.api.error.PluginException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Resolves the {@code object} parameter (keys with {@code *} and {@code ?} wildcards) to objects and sizes. */
final class OssObjectLister {
    /** A resolved object. */
    record ObjectInfo(String key, long size, String etag) {
    }

    private final OSS client;
    private final String step;
    private final String endpoint;
    private final String bucket;

    OssObjectLister(OSS client, String step, String endpoint, String bucket) {
        this.client = client;
        this.step = step;
        this.endpoint = endpoint;
        this.bucket = bucket;
    }

    List<ObjectInfo> resolve(List<String> patterns) {
        Map<String, ObjectInfo> found = new LinkedHashMap<>();
        for (String pattern : patterns) {
            String p = pattern.startsWith("/") ? pattern.substring(1) : pattern;
            if (!hasWildcard(p)) {
                ObjectInfo info = head(p);
                found.putIfAbsent(info.key(), info);
                continue;
            }
            List<ObjectInfo> matches = list(p);
            if (matches.isEmpty()) {
                throw new PluginException(OssErrorCode.OBJECT_NOT_FOUND, "step \"" + step + "\": no object in bucket \""
                        + bucket + "\" matches \"" + pattern + "\" (listed under prefix \"" + literalPrefix(p)
                        + "\"); check \"object\"");
            }
            for (ObjectInfo m : matches) {
                found.putIfAbsent(m.key(), m);
            }
        }
        return new ArrayList<>(found.values());
    }

    private ObjectInfo head(String key) {
        try {
            ObjectMetadata meta = client.getObjectMetadata(bucket, key);
            return new ObjectInfo(key, meta.getContentLength(), meta.getETag());
        } catch (RuntimeException e) {
            throw OssErrors.translate(e, step, endpoint, bucket, "object \"" + key + "\"");
        }
    }

    private List<ObjectInfo> list(String pattern) {
        String prefix = literalPrefix(pattern);
        Pattern regex = toRegex(pattern);
        List<ObjectInfo> out = new ArrayList<>();
        String token = null;
        try {
            do {
                ListObjectsV2Request req = new ListObjectsV2Request(bucket).withPrefix(prefix).withMaxKeys(1000);
                if (token != null) {
                    req.setContinuationToken(token);
                }
                ListObjectsV2Result res = client.listObjectsV2(req);
                for (OSSObjectSummary s : res.getObjectSummaries()) {
                    boolean directory = s.getKey().endsWith("/") && s.getSize() == 0;
                    if (!directory && regex.matcher(s.getKey()).matches()) {
                        out.add(new ObjectInfo(s.getKey(), s.getSize(), s.getETag()));
                    }
                }
                token = res.isTruncated() ? res.getNextContinuationToken() : null;
            } while (token != null);
        } catch (RuntimeException e) {
            throw OssErrors.translate(e, step, endpoint, bucket, "objects under prefix \"" + prefix + "\"");
        }
        return out;
    }

    static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    static String literalPrefix(String pattern) {
        int i = 0;
        while (i < pattern.length() && pattern.charAt(i) != '*' && pattern.charAt(i) != '?') {
            i++;
        }
        return pattern.substring(0, i);
    }

    /** {@code *} is any run of characters ({@code /} included), {@code ?} one character, the rest literal. */
    static Pattern toRegex(String pattern) {
        StringBuilder sb = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    sb.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                sb.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            sb.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(sb.toString(), Pattern.DOTALL);
    }
}
