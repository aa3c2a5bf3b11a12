package io.vectorsync.transformer.textsplitter;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.api.transform.TransformerContext;
import io.vectorsync.api.transform.TransformerFactory;

/** The {@code text-splitter} step: long texts cut into chunks of at most chunkSize tokens, with stable chunk ids. */
public final class TextSplitterTransformerFactory implements TransformerFactory {
    private static final ConfigSpec SPEC = TextSplitterOptions.spec();

    @Override
    public String name() {
        return "text-splitter";
    }

    @Override
    public String description() {
        return "Cuts long texts (plain or Markdown) into chunks of at most chunkSize tokens with stable chunk ids.";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public Transformer create(PluginConfig config, TransformerContext context) {
        return new TextSplitterTransformer(TextSplitterOptions.settings(config), context);
    }
}
