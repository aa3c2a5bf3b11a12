package io.vectorsync.testkit.contract;

import static org.junit.jupiter.api.Assertions.fail;

import io.vectorsync.api.record.Row;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Multisets for the contract suites: "the same elements, each as many times", with a readable difference. */
final class Bags {
    private Bags() {
    }

    /** A row's full values (vectors not shortened, unlike {@link Row#toString()}), keyed by field name. */
    static String rowKey(Row row) {
        Object[] values = new Object[row.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.schema().field(i).name() + "=" + Arrays.deepToString(new Object[] {row.get(i)});
        }
        return Arrays.toString(values);
    }

    static <T> Map<String, Integer> count(Collection<T> items, Function<T, String> key) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (T item : items) {
            counts.merge(key.apply(item), 1, Integer::sum);
        }
        return counts;
    }

    /** Fails naming up to five elements that are missing or extra (with how many times), when the bags differ. */
    static <T> void assertSameBag(Collection<T> expected, Collection<T> actual, Function<T, String> key, String what) {
        Map<String, Integer> want = count(expected, key);
        Map<String, Integer> got = count(actual, key);
        if (want.equals(got)) {
            return;
        }
        StringBuilder diff = new StringBuilder();
        int shown = 0;
        for (String k : union(want, got)) {
            int w = want.getOrDefault(k, 0);
            int g = got.getOrDefault(k, 0);
            if (w != g && shown++ < 5) {
                diff.append("\n  ").append(k).append(": expected ").append(w).append(" time(s), got ").append(g);
            }
        }
        fail(what + ": " + expected.size() + " expected, " + actual.size() + " actual; differences:" + diff);
    }

    private static Collection<String> union(Map<String, Integer> a, Map<String, Integer> b) {
        Map<String, Boolean> keys = new LinkedHashMap<>();
        a.keySet().forEach(k -> keys.put(k, true));
        b.keySet().forEach(k -> keys.put(k, true));
        return keys.keySet();
    }
}
