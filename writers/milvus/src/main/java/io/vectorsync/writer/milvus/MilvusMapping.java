package io.vectorsync.writer.milvus;

import io.vectorsync.api.config.ConfigSpec;
import io.vectorsync.api.config.Option;
import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType.Kind;
import io.vectorsync.api.record.Field;
import io.vectorsync.api.record.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which upstream field goes to which collection field. With {@code columnMapping}: exactly its pairs. Without:
 * equal names; upstream fields the collection lacks become dynamic fields when the collection has the dynamic
 * field enabled. The primary key of an autoId collection is never sent (Milvus generates it).
 */
final class MilvusMapping {
    /** One upstream position written to a field; {@code field == null} means a dynamic field. */
    record Entry(int source, String sourceName, String target, MilvusTarget.TargetField field) {
    }

    /** A {@code columnMapping} pair. */
    record Pair(String source, String target) {
    }

    private MilvusMapping() {
    }

    static final Option<String> SOURCE = Option.stringOption("sourceColName").required()
            .check(s -> !s.isBlank(), "must not be empty").description("Upstream field name.").build();
    static final Option<String> TARGET = Option.stringOption("dstColName").required()
            .check(s -> !s.isBlank(), "must not be empty").description("Collection field name.").build();
    /** One {@code columnMapping} pair. */
    static final ConfigSpec PAIR_SPEC = ConfigSpec.builder().add(SOURCE, TARGET).build();

    static List<Pair> parsePairs(List<PluginConfig> raw) {
        return raw.stream().map(c -> new Pair(c.get(SOURCE).trim(), c.get(TARGET).trim())).toList();
    }

    /** Checks the pairs' source names against the upstream schema. */
    static void checkSources(String step, List<Pair> pairs, Schema input) {
        for (int i = 0; i < pairs.size(); i++) {
            if (input.indexOf(pairs.get(i).source()) < 0) {
                throw new PluginException(MilvusErrorCode.COLUMN_INVALID, "step \"" + step + "\": columnMapping[" + i
                        + "].sourceColName \"" + pairs.get(i).source() + "\" is not an upstream field; upstream fields: "
                        + input.names());
            }
        }
    }

    static List<Entry> resolve(String step, String collection, List<Pair> pairs, Schema input, MilvusTarget target) {
        List<Entry> entries = new ArrayList<>();
        if (!pairs.isEmpty()) {
            for (int i = 0; i < pairs.size(); i++) {
                Pair p = pairs.get(i);
                MilvusTarget.TargetField f = target.field(p.target());
                if (f == null && !target.dynamic()) {
                    throw new PluginException(MilvusErrorCode.COLUMN_INVALID, "step \"" + step + "\": columnMapping["
                            + i + "].dstColName \"" + p.target() + "\" is not a field of collection \"" + collection
                            + "\" " + target.fields().keySet() + " and the collection has no dynamic field");
                }
                if (f != null && f.primaryKey() && f.autoId()) {
                    continue;
                }
                entries.add(new Entry(input.require(p.source()), p.source(), p.target(), f));
            }
        } else {
            Set<String> used = new TreeSet<>();
            for (MilvusTarget.TargetField f : target.fields().values()) {
                if ((f.primaryKey() && f.autoId()) || f.name().equals("$meta")) {
                    continue;
                }
                int pos = input.indexOf(f.name());
                if (pos >= 0) {
                    entries.add(new Entry(pos, f.name(), f.name(), f));
                    used.add(f.name());
                }
            }
            if (target.dynamic()) {
                for (Field in : input.fields()) {
                    if (!used.contains(in.name()) && target.field(in.name()) == null) {
                        entries.add(new Entry(input.indexOf(in.name()), in.name(), in.name(), null));
                    }
                }
            }
        }
        checkRequired(step, collection, entries, target, input);
        checkDimensions(step, collection, entries, input);
        return List.copyOf(entries);
    }

    private static void checkRequired(String step, String collection, List<Entry> entries, MilvusTarget target,
                                      Schema input) {
        Set<String> written = new TreeSet<>();
        entries.forEach(e -> written.add(e.target()));
        for (MilvusTarget.TargetField f : target.fields().values()) {
            if (f.autoId() || f.nullable() || f.name().equals("$meta") || written.contains(f.name())) {
                continue;
            }
            throw new PluginException(MilvusErrorCode.COLUMN_INVALID, "step \"" + step + "\": field \"" + f.name()
                    + "\" of collection \"" + collection + "\" gets no value: no upstream field is mapped to it"
                    + " (upstream fields: " + input.names() + "); add a columnMapping pair or rename the field upstream");
        }
    }

    private static void checkDimensions(String step, String collection, List<Entry> entries, Schema input) {
        for (Entry e : entries) {
            if (e.field() == null || !MilvusColumn.isDenseVector(e.field().type().type())) {
                continue;
            }
            Field in = input.field(e.source());
            int want = e.field().type().dimension();
            if (in.type().kind() == Kind.FLOAT_VECTOR && want > 0
                    && e.field().type().type() != io.milvus.v2.common.DataType.BinaryVector
                    && in.type().dimension() != want) {
                throw new PluginException(MilvusErrorCode.DIMENSION_MISMATCH, "step \"" + step + "\": field \""
                        + e.target() + "\" of collection \"" + collection + "\" has dimension " + want
                        + " but upstream field \"" + in.name() + "\" has " + in.type().dimension()
                        + "; make the embedding step's dimension match or write to another collection");
            }
        }
    }
}
