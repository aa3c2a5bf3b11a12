package io.vectorsync.reader.localfile;

import java.util.HashMap;
import java.util.Map;

/** Reader parameters as the tests write them: the path, then pairs of key and value. */
final class ReaderParams {
    private ReaderParams() {
    }

    /** {@code path} (a string or a list) and the pairs {@code key, value} of {@code more}, in a mutable map. */
    static Map<String, Object> of(Object path, Object... more) {
        Map<String, Object> p = new HashMap<>();
        p.put("path", path);
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }
}
