package io.vectorsync.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigSpecTest {
    static final Option<Integer> BATCH = Option.intOption("batchSize").defaultValue(10)
            .check(n -> n > 0, "must be positive").description("Rows per call. More text.").build();
    static final Option<Long> LIMIT = Option.longOption("limit").build();
    static final Option<Double> RATIO = Option.doubleOption("ratio").build();
    static final Option<Boolean> FLAG = Option.booleanOption("flag").defaultValue(false).build();
    static final Option<String> ENDPOINT = Option.stringOption("endpoint").required().alias("url")
            .description("Where the service listens. Example: http://h:1.").build();
    static final Option<List<String>> PATHS = Option.stringListOption("path").build();
    static final Option<String> MODE = Option.stringOption("writeMode").oneOf("insert", "upsert").build();
    static final Option<Secret> TOKEN = Option.secretOption("token").alias("password")
            .check(s -> s.reveal().length() > 3, "is too short").build();
    static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(BATCH, LIMIT, RATIO, FLAG, ENDPOINT, PATHS, MODE, TOKEN).build();

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void convertsStringsNumbersAndBooleansLeniently() {
        Map<String, Object> raw = params("endpoint", 8080, "batchSize", "128", "limit", 5_000_000_000L,
                "ratio", "0.5", "flag", "TRUE", "path", "/a.csv");
        assertEquals(List.of(), SPEC.validate(raw));
        PluginConfig c = SPEC.bind("s", raw);
        assertEquals(128, c.get(BATCH));
        assertEquals(5_000_000_000L, c.get(LIMIT));
        assertEquals(0.5, c.get(RATIO));
        assertEquals(true, c.get(FLAG));
        assertEquals("8080", c.get(ENDPOINT));
        assertEquals(List.of("/a.csv"), c.get(PATHS));
        assertEquals("s", c.stepName());
    }

    @Test
    void defaultsApplyOnlyWhenUnsetAndIsSetTellsThemApart() {
        PluginConfig c = SPEC.bind("s", params("endpoint", "http://h"));
        assertEquals(10, c.get(BATCH));
        assertFalse(c.isSet(BATCH));
        assertTrue(c.getIfSet(BATCH).isEmpty());
        assertNull(c.get(LIMIT));
    }

    @Test
    void wrongTypesAreReportedWithTheValue() {
        List<ConfigIssue> issues = SPEC.validate(params("endpoint", "h", "batchSize", "many", "limit", 1.5,
                "flag", "yes", "ratio", List.of(1)));
        assertEquals(List.of(
                new ConfigIssue("batchSize", "expected an int, got \"many\""),
                new ConfigIssue("limit", "expected a whole number, got 1.5"),
                new ConfigIssue("ratio", "expected a double, got [1]"),
                new ConfigIssue("flag", "expected a boolean, got \"yes\"")), issues);
    }

    @Test
    void numbersTooLargeForTheTypeAreRefusedNotWrapped() {
        assertEquals(List.of(new ConfigIssue("batchSize", "expected an int, got 3000000000")),
                SPEC.validate(params("endpoint", "h", "batchSize", 3_000_000_000L)));
        List<ConfigIssue> issues = SPEC.validate(params("endpoint", "h",
                "limit", new BigInteger("123456789012345678901234567890")));
        assertEquals(1, issues.size());
        assertTrue(issues.get(0).message().contains("within the range of a long"), issues.toString());
        assertEquals(1, SPEC.validate(params("endpoint", "h", "limit", 1e30)).size());
    }

    @Test
    void unknownKeysGetADidYouMeanOrTheKnownKeys() {
        List<ConfigIssue> issues = SPEC.validate(params("endpoint", "h", "batchsize", 3, "zzzzzzzzzzzzz", 1));
        assertEquals(new ConfigIssue("batchsize", "unknown parameter; did you mean \"batchSize\"?"), issues.get(0));
        assertTrue(issues.get(1).message().startsWith("unknown parameter; known parameters: [batchSize, endpoint,"),
                issues.get(1).message());
    }

    @Test
    void keysKnownToADelegateAreAccepted() {
        assertEquals(List.of(), SPEC.validate(params("endpoint", "h", "dimension", 3), Set.of("dimension")));
    }

    @Test
    void missingRequiredKeyIsNamedWithTheFirstSentenceOfItsDescription() {
        assertEquals(List.of(new ConfigIssue("endpoint", "required parameter is missing (Where the service listens)")),
                SPEC.validate(params()));
    }

    @Test
    void abbreviationsDoNotEndTheFirstSentence() {
        assertEquals("OSS endpoint, e.g. http://oss.example.com", ConfigSpec.firstSentence(
                "OSS endpoint, e.g. http://oss.example.com. Usually from the datasource."));
        assertEquals("No full stop", ConfigSpec.firstSentence("No full stop."));
    }

    @Test
    void aliasesAreReadAndProblemsAreReportedUnderTheKeyTheJobUsed() {
        assertEquals("http://h", SPEC.bind("s", params("url", "http://h")).get(ENDPOINT));
        assertEquals("a", SPEC.bind("s", params("url", "b", "endpoint", "a")).get(ENDPOINT));
        assertEquals(List.of(new ConfigIssue("password", "is too short (was ******)")),
                SPEC.validate(params("endpoint", "h", "password", "abc")));
    }

    @Test
    void checksAndOneOfReportEveryFailure() {
        List<ConfigIssue> issues = SPEC.validate(params("endpoint", "h", "batchSize", 0, "writeMode", "merge"));
        assertEquals(List.of(new ConfigIssue("batchSize", "must be positive (was 0)"),
                new ConfigIssue("writeMode", "\"merge\" is not one of [insert, upsert]")), issues);
        assertEquals(List.of(), SPEC.validate(params("endpoint", "h", "writeMode", "UPSERT")));
    }

    @Test
    void secretsNeverShowInMessagesOrToString() {
        PluginConfig c = SPEC.bind("s", params("endpoint", "h", "token", "hunter22"));
        assertEquals("hunter22", c.get(TOKEN).reveal());
        assertEquals("******", c.get(TOKEN).toString());
        assertFalse(c.toString().contains("hunter22"), c.toString());
        assertEquals(Set.of("token", "password"), SPEC.secretKeys());
        assertEquals(List.of(new ConfigIssue("token", "is too short (was ******)")),
                SPEC.validate(params("endpoint", "h", "token", "abc")));
        assertEquals(List.of(new ConfigIssue("token", "expected a string")),
                SPEC.validate(params("endpoint", "h", "token", List.of("x"))));
    }

    @Test
    void aKeyDeclaredTwiceIsABug() {
        Option<String> other = Option.stringOption("url").build();
        assertThrows(IllegalArgumentException.class, () -> ConfigSpec.builder().add(ENDPOINT, other).build());
        assertThrows(IllegalStateException.class, () -> Option.intOption("x").required().defaultValue(1).build());
    }

    @Test
    void suggestionsIgnoreCaseAndRefuseFarFetchedMatches() {
        assertEquals("batchSize", Suggestions.closest("BATCHSIZE", List.of("batchSize", "limit")));
        assertEquals("concurrent", Suggestions.closest("concurent", List.of("concurrent", "errorLimit")));
        assertNull(Suggestions.closest("completelyDifferent", List.of("concurrent", "errorLimit")));
    }

    @Test
    void markdownListsEveryParameterWithTypeDefaultAndAliases() {
        String md = SPEC.toMarkdown();
        assertTrue(md.startsWith("| parameter | type | default | required | description |\n|---|---|---|---|---|\n"));
        assertTrue(md.contains("| `batchSize` | int | `10` | no | Rows per call. More text. |"), md);
        assertTrue(md.contains("| `endpoint` (also url) | string |  | yes |"), md);
        assertTrue(md.contains("| `writeMode` | insert \\| upsert |  | no |"), md);
        assertTrue(md.contains("| `token` (also password) | secret |"), md);
    }
}
