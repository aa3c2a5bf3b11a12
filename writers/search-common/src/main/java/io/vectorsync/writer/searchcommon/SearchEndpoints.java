package io.vectorsync.writer.searchcommon;

import io.vectorsync.api.error.PluginException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Parses the {@code endpoint} parameter: one or more cluster URLs separated by commas. */
public final class SearchEndpoints {
    private SearchEndpoints() {
    }

    /**
     * The hosts of {@code endpoint}, each made by {@code create} (e.g. {@code HttpHost::create}, which throws
     * {@link IllegalArgumentException} for a bad URL); fails naming the step and the bad entry.
     */
    public static <T> List<T> hosts(String step, String endpoint, Function<String, T> create) {
        List<T> hosts = new ArrayList<>();
        for (String h : endpoint.split(",")) {
            if (!h.isBlank()) {
                try {
                    hosts.add(create.apply(h.trim()));
                } catch (IllegalArgumentException e) {
                    throw PluginException.config("endpoint", "step \"" + step + "\": \"" + h.trim()
                            + "\" is not a URL like http://host:9200");
                }
            }
        }
        if (hosts.isEmpty()) {
            throw PluginException.config("endpoint", "step \"" + step + "\": no host given");
        }
        return hosts;
    }
}
