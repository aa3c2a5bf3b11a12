package io.vectorsync.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Option#listOf}: typed lists of objects such as a reader's {@code column}. */
class NestedOptionTest {
    static final Option<String> NAME = Option.stringOption("name").description("Field name.").build();
    static final Option<Integer> INDEX = Option.intOption("index").check(i -> i >= 0, "must be 0 or more")
            .description("0-based field number.").build();
    static final Option<String> TYPE = Option.stringOption("type").defaultValue("string")
            .oneOf("string", "long", "date").build();
    static final Option<String> FORMAT = Option.stringOption("format").alias("dateFormat").build();
    static final ConfigSpec ELEMENT = ConfigSpec.builder().add(NAME, INDEX, TYPE, FORMAT).build();
    static final Option<List<PluginConfig>> COLUMN = Option.listOf("column", ELEMENT).shorthand("name")
            .alias("columns").defaultElements("*")
            .check(l -> !l.isEmpty(), "must list at least one column")
            .description("The fields to read.").build();
    static final Option<List<PluginConfig>> STRICT = Option.listOf("strict", ELEMENT).build();
    static final ConfigSpec SPEC = ConfigSpec.builder().add(COLUMN, STRICT).build();

    private static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void elementsAreBoundAsTypedConfigs() {
        Map<String, Object> raw = obj("column", List.of(obj("index", "3", "type", "long"), obj("name", "x")));
        assertEquals(List.of(), SPEC.validate(raw));
        List<PluginConfig> columns = SPEC.bind("s", raw).get(COLUMN);
        assertEquals(2, columns.size());
        assertEquals(3, columns.get(0).get(INDEX));
        assertEquals("long", columns.get(0).get(TYPE));
        assertEquals("string", columns.get(1).get(TYPE));
        assertEquals("x", columns.get(1).get(NAME));
        assertEquals("s", columns.get(1).stepName());
    }

    @Test
    void everyProblemOfEveryElementIsReportedAtItsPath() {
        Map<String, Object> raw = obj("column", List.of(
                obj("index", 0),
                obj("index", -1, "type", "lnog"),
                obj("idx", 2),
                obj("index", "x", "dateFormat", List.of())));
        assertEquals(List.of(
                new ConfigIssue("column[1].index", "must be 0 or more (was -1)"),
                new ConfigIssue("column[1].type", "\"lnog\" is not one of [string, long, date]"),
                new ConfigIssue("column[2].idx", "unknown parameter; did you mean \"index\"?"),
                new ConfigIssue("column[3].index", "expected an int, got \"x\""),
                new ConfigIssue("column[3].dateFormat", "expected a string, got []")), SPEC.validate(raw));
    }

    @Test
    void pathsUseTheAliasTheJobWrote() {
        assertEquals(List.of(new ConfigIssue("columns[0].index", "expected an int, got \"a\"")),
                SPEC.validate(obj("columns", List.of(obj("index", "a")))));
        assertEquals(1, SPEC.bind("s", obj("columns", List.of(obj("index", 1)))).get(COLUMN).size());
    }

    @Test
    void plainStringsAndNumbersStandForTheShorthandKey() {
        Map<String, Object> raw = obj("column", List.of("*", "id", 7));
        assertEquals(List.of(), SPEC.validate(raw));
        List<PluginConfig> columns = SPEC.bind("s", raw).get(COLUMN);
        assertEquals(List.of("*", "id", "7"), columns.stream().map(c -> c.get(NAME)).toList());
    }

    @Test
    void aNumberShorthandStaysANumberForAnIntKey() {
        Option<List<PluginConfig>> byIndex = Option.listOf("column", ELEMENT).shorthand("index").build();
        ConfigSpec spec = ConfigSpec.builder().add(byIndex).build();
        Map<String, Object> raw = obj("column", List.of(2, 3.0, "4"));
        assertEquals(List.of(), spec.validate(raw));
        assertEquals(List.of(2, 3, 4), spec.bind("s", raw).get(byIndex).stream().map(c -> c.get(INDEX)).toList());
    }

    @Test
    void elementsOfTheWrongKindAreNamed() {
        assertEquals(List.of(new ConfigIssue("column[0]", "expected an object or a string (a name), got true"),
                        new ConfigIssue("strict[1]", "expected an object, got \"id\"")),
                SPEC.validate(obj("strict", List.of(obj("name", "a"), "id"), "column", List.of(true))));
        assertEquals(List.of(new ConfigIssue("column",
                        "expected a list of objects or of strings (each a name), got \"*\"")),
                SPEC.validate(obj("column", "*")));
    }

    @Test
    void problemsAreListedInElementOrder() {
        assertEquals(List.of("strict[0]", "strict[1].index", "strict[2]"),
                SPEC.validate(obj("strict", List.of(1, obj("index", -1), "x"))).stream().map(ConfigIssue::key).toList());
    }

    @Test
    void aSingleObjectIsAListOfOne() {
        Map<String, Object> raw = obj("strict", obj("name", "a"));
        assertEquals(List.of(), SPEC.validate(raw));
        assertEquals("a", SPEC.bind("s", raw).get(STRICT).get(0).get(NAME));
    }

    @Test
    void listChecksRunOnceTheElementsAreValid() {
        assertEquals(List.of(new ConfigIssue("column", "must list at least one column (was [])")),
                SPEC.validate(obj("column", List.of())));
    }

    @Test
    void theDefaultListIsBoundAndShownAsWrittenInAJob() {
        List<PluginConfig> def = SPEC.bind("s", obj()).get(COLUMN);
        assertEquals(1, def.size());
        assertEquals("*", def.get(0).get(NAME));
        assertEquals("[\"*\"]", COLUMN.defaultText());
        assertEquals("{\"name\": \"*\"}", def.get(0).toString());
        IllegalStateException bad = assertThrows(IllegalStateException.class,
                () -> Option.listOf("c", ELEMENT).defaultElements(Map.of("index", "x")).build());
        assertTrue(bad.getMessage().contains("c[0].index"), bad.getMessage());
    }

    @Test
    void secretsInsideElementsAreFoundAndMasked() {
        Option<Secret> password = Option.secretOption("password").build();
        Option<List<PluginConfig>> hosts = Option.listOf("hosts", ConfigSpec.builder().add(NAME, password).build())
                .shorthand("password").build();
        ConfigSpec spec = ConfigSpec.builder().add(hosts, ConfigSpecTest.TOKEN).build();
        Map<String, Object> raw = obj("hosts", List.of(obj("name", "a", "password", "pa55"), "bare-secret"),
                "token", "t0ken");
        assertEquals(java.util.Set.of("pa55", "bare-secret", "t0ken"), spec.secretValues(raw));
        String shown = spec.bind("s", raw).toString();
        assertEquals("{\"hosts\": [{\"name\": \"a\", \"password\": \"******\"}, \"******\"], \"token\": \"******\"}",
                shown);
        assertEquals("{\"name\": \"a\", \"password\": \"******\"}", spec.bind("s", raw).get(hosts).get(0).toString());
    }

    @Test
    void shorthandMustBeAnElementKey() {
        assertThrows(IllegalStateException.class, () -> Option.listOf("c", ELEMENT).shorthand("nam"));
        assertThrows(IllegalStateException.class, () -> Option.stringOption("c").shorthand("name"));
        assertThrows(IllegalStateException.class, () -> Option.stringOption("c").defaultElements("x"));
    }

    @Test
    void nestedListsNestTheirPaths() {
        Option<List<PluginConfig>> outer = Option.listOf("step", ConfigSpec.builder().add(COLUMN).build()).build();
        ConfigSpec spec = ConfigSpec.builder().add(outer).build();
        assertEquals(List.of(new ConfigIssue("step[1].column[0].index", "must be 0 or more (was -2)")),
                spec.validate(obj("step", List.of(obj(), obj("column", List.of(obj("index", -2)))))));
    }

    @Test
    void markdownShowsElementKeysAsRowsUnderTheList() {
        String md = SPEC.toMarkdown();
        assertTrue(md.contains("| `column` (also columns) | list<object> | `[\"*\"]` | no | The fields to read. |\n"
                + "| `column[].name` | string |  | no | Field name. |\n"
                + "| `column[].index` | int |  | no | 0-based field number. |\n"
                + "| `column[].type` | string \\| long \\| date | `string` | no |  |\n"
                + "| `column[].format` (also dateFormat) | string |  | no |  |\n"
                + "| `strict` | list<object> |"), md);
    }
}
