package io.vectorsync.writer.searchcommon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON metadata requests a writer's connection sends (each writer implements it on its own REST client), plus
 * the end-of-load steps both writers share: refresh and alias.
 */
public interface SearchTransport {
    /** Sends a JSON request with the metadata retry policy ({@link SearchRetry#callMetadata}). */
    SearchReply json(String method, String path, Object body, String what) throws InterruptedException;

    /** Fails with a message naming the step and {@code what} when {@code r} is not 2xx. */
    SearchReply expectOk(SearchReply r, String what);

    /** Sends a JSON request and fails unless the reply is 2xx. */
    default SearchReply jsonOk(String method, String path, Object body, String what) throws InterruptedException {
        return expectOk(json(method, path, body, what), what);
    }

    /**
     * Refreshes {@code index}, then puts {@code alias} (when given) on it; {@code aliasMode} exclusive also removes the
     * alias from every other index.
     */
    default void refreshAndAlias(String index, String alias, String aliasMode) throws InterruptedException {
        jsonOk("POST", SearchBinding.indexPath(index, "/_refresh"), null, "refreshing index \"" + index + "\"");
        if (alias != null && !alias.isBlank()) {
            List<Object> actions = new ArrayList<>();
            if (aliasMode.equalsIgnoreCase("exclusive")) {
                actions.add(Map.of("remove", Map.of("index", "*", "alias", alias, "must_exist", false)));
            }
            actions.add(Map.of("add", Map.of("index", index, "alias", alias)));
            jsonOk("POST", "/_aliases", Map.of("actions", actions), "setting alias \"" + alias + "\"");
        }
    }
}
