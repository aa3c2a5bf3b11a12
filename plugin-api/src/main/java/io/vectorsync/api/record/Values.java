package io.vectorsync.api.record;

import java.util.Base64;
import java.util.List;

/** Display helpers for record values: how previews, logs and dirty-data files show a value. */
public final class Values {
    private Values() {
    }

    /**
     * The value as text; a vector longer than {@code maxVectorElements} shows its first elements, then
     * "… (N dims)". Bytes are shown as base64.
     */
    public static String toDisplayString(Object value, int maxVectorElements) {
        if (value == null) {
            return "null";
        }
        if (value instanceof float[] f) {
            StringBuilder sb = new StringBuilder("[");
            int shown = Math.min(f.length, maxVectorElements);
            for (int i = 0; i < shown; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(f[i]);
            }
            if (shown < f.length) {
                sb.append(", … (").append(f.length).append(" dims)");
            }
            return sb.append(']').toString();
        }
        if (value instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(toDisplayString(list.get(i), maxVectorElements));
            }
            return sb.append(']').toString();
        }
        return value.toString();
    }
}
