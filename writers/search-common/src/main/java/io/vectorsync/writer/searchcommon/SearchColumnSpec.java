package io.vectorsync.writer.searchcommon;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import java.util.List;
import java.util.Map;

/**
 * The keys of one {@code column} entry of the search writers (DataX/DataWorks names plus the vector keys), and of
 * one {@code esPartitionColumn} entry. Validated by the core before the writer is created, every problem at its own
 * path ({@code column[2].dims}); a plain string entry means {@code {"name": …}}.
 */
public final class SearchColumnSpec {
    private SearchColumnSpec() {
    }

    public static final Option<String> NAME = Option.stringOption("name").required()
            .check(s -> !s.isBlank(), "must not be empty")
            .description("Field name in the index, and the input field it is read from.").build();
    public static final Option<String> TYPE = Option.stringOption("type")
            .description("Mapping type: id (the document _id, not a field), text, keyword, long, double, date, "
                    + "boolean, object, nested, geo_point…, dense_vector / knn_vector for vectors, sparse_vector / rank_features for sparse vectors. Unset or none: "
                    + "follows the input field.").build();
    public static final Option<Integer> DIMS = Option.intOption("dims").alias("dimension")
            .check(n -> n > 0, "must be positive")
            .description("Vector dimension; unset: the input vector's.").build();
    public static final Option<String> SIMILARITY = Option.stringOption("similarity")
            .description("Elasticsearch: dense_vector similarity (cosine, dot_product, l2_norm, max_inner_product); "
                    + "OpenSearch: read as space_type (cosine → cosinesimil…).").build();
    public static final Option<String> SPACE_TYPE = Option.stringOption("space_type").alias("spaceType")
            .description("OpenSearch: knn_vector space type (cosinesimil, l2, innerproduct, l1, linf).").build();
    public static final Option<String> ENGINE = Option.stringOption("engine")
            .description("OpenSearch: k-NN engine of this vector (lucene, faiss, nmslib).").build();
    public static final Option<Boolean> INDEX = Option.booleanOption("index")
            .description("Elasticsearch: whether a dense_vector is indexed for kNN search (default true).").build();
    public static final Option<String> ANALYZER = Option.stringOption("analyzer")
            .description("Analyzer of a text field.").build();
    public static final Option<String> FORMAT = Option.stringOption("format")
            .description("Date format of a date field's mapping.").build();
    public static final Option<Boolean> ARRAY = Option.booleanOption("array").defaultValue(false)
            .description("A string value is split by splitter into an array.").build();
    public static final Option<Boolean> JSON_ARRAY = Option.booleanOption("json_array").defaultValue(false)
            .description("A string value is parsed as a JSON array.").build();
    public static final Option<Map<String, Object>> OTHER_PARAMS = Option.objectOption("other_params")
            .description("Copied into the field's mapping as is (dims, similarity, index are read from it too).")
            .build();
    public static final Option<Boolean> ORIGIN = Option.booleanOption("origin")
            .description("DataX: keep the original value. Accepted and ignored (values are written as they come).")
            .build();
    public static final Option<String> TIMEZONE = Option.stringOption("Timezone").alias("timezone")
            .description("DataX: time zone of date values. Accepted and ignored (timestamps are written in UTC).")
            .build();
    public static final Option<String> TREE = Option.stringOption("tree")
            .description("DataX geo_shape option. Accepted and ignored; put mapping options in other_params.").build();
    public static final Option<String> PRECISION = Option.stringOption("precision")
            .description("DataX geo_shape option. Accepted and ignored; put mapping options in other_params.").build();

    /** One {@code column} entry. */
    public static final ConfigSpec COLUMN = ConfigSpec.builder().add(NAME, TYPE, DIMS, SIMILARITY, SPACE_TYPE, ENGINE,
            INDEX, ANALYZER, FORMAT, ARRAY, JSON_ARRAY, OTHER_PARAMS, ORIGIN, TIMEZONE, TREE, PRECISION).build();

    public static final Option<String> ROUTING_NAME = Option.stringOption("name").required()
            .check(s -> !s.isBlank(), "must not be empty").description("Input field whose value joins the routing.")
            .build();
    public static final Option<String> ROUTING_COMMENT = Option.stringOption("comment")
            .description("Accepted (the DataWorks UI writes it); not used.").build();
    public static final Option<String> ROUTING_TYPE = Option.stringOption("type")
            .description("Accepted (the DataWorks UI writes it); not used.").build();

    /** One {@code esPartitionColumn} entry. */
    public static final ConfigSpec ROUTING = ConfigSpec.builder().add(ROUTING_NAME, ROUTING_COMMENT, ROUTING_TYPE).build();

    /** The {@code column} option with its description, a list of {@link #COLUMN} entries or names. */
    public static Option<List<io.vectorsync.api.config.PluginConfig>> columnOption(String description) {
        return Option.listOf("column", COLUMN).shorthand("name").required()
                .check(l -> !l.isEmpty(), "give at least one column").description(description).build();
    }
}
