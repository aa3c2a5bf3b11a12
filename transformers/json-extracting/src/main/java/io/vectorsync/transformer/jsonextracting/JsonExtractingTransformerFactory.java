package io.vectorsync.transformer.jsonextracting;

import io.vectorsync.api.transform.TransformerContext;
import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.transform.Transformer;
import io.vectorsync.api.transform.TransformerFactory;

/** The {@code json-extracting} step: new columns read with JSON paths from JSON text in other columns. */
public final class JsonExtractingTransformerFactory implements TransformerFactory {
    private static final ConfigSpec SPEC = JsonExtractingOptions.spec();

    @Override
    public String name() {
        return "json-extracting";
    }

    @Override
    public String description() {
        return "Extracts values from JSON text columns into new typed columns with JSON paths.";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public Transformer create(PluginConfig config, TransformerContext context) {
        return new JsonExtractingTransformer(JsonExtractingOptions.columns(config), context);
    }
}
