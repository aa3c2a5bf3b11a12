package io.vectorsync.writer.opensearch;

import io.vectorsync.api.error.PluginException;
import java.util.Collection;
import java.util.Locale;

/** Detects a cluster without the k-NN plugin, from {@code _cat/plugins} or from the error of a knn mapping. */
final class OpenSearchKnn {
    static final String PLUGIN = "opensearch-knn";

    private OpenSearchKnn() {
    }

    /** Whether {@code components} (the {@code component} column of {@code _cat/plugins}) holds the k-NN plugin. */
    static boolean hasKnnPlugin(Collection<String> components) {
        return components.stream().anyMatch(c -> c != null && c.trim().toLowerCase(Locale.ROOT).equals(PLUGIN));
    }

    /** Whether an index-creation error says knn_vector or index.knn is unknown. */
    static boolean looksLikeMissingPlugin(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        return r.contains("no handler for type [knn_vector]") || r.contains("unknown setting [index.knn]");
    }

    static PluginException missing(String step, String index, String evidence) {
        return new PluginException(OpenSearchErrorCode.KNN_PLUGIN_MISSING, "step \"" + step + "\": index \"" + index
                + "\" needs a knn_vector mapping but the cluster has no k-NN plugin (" + evidence + "); install the "
                + PLUGIN + " plugin, or map the vector column as a plain \"float\" array (\"type\":\"float\", "
                + "no vector search)");
    }
}
