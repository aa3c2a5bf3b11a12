package io.vectorsync.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    @Test
    void aSecretAddedIsMaskedByEveryLaterCallWhileOtherThreadsMaskAndAnotherAdds() throws Exception {
        SecretMasker masker = new SecretMasker();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            values.add("sk-" + Integer.toHexString(0x5eed0000 + i * 7919) + "-" + "x".repeat(i % 13));
        }
        String text = "calling with " + String.join(" and ", values) + " now";
        masker.add(values.get(0));
        AtomicInteger published = new AtomicInteger(1); // the add() of values[0 .. published) has returned
        AtomicBoolean adding = new AtomicBoolean(true);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<long[]>> maskers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                maskers.add(pool.submit(() -> {
                    start.await();
                    long calls = 0;
                    long leaks = 0;
                    while (adding.get() || calls < 200) {
                        int added = published.get();
                        String masked = masker.mask(text);
                        calls++;
                        for (int i = 0; i < added; i++) {
                            if (masked.contains(values.get(i))) {
                                leaks++;
                                break;
                            }
                        }
                    }
                    return new long[] {calls, leaks};
                }));
            }
            Future<?> adder = pool.submit(() -> {
                start.await();
                for (int i = 1; i < values.size(); i++) {
                    masker.add(values.get(i));
                    published.set(i + 1);
                }
                for (int i = 0; i < 2_000; i++) { // more adds while the others mask: each one swaps the list
                    masker.add("filler-secret-" + i);
                }
                adding.set(false);
                return null;
            });
            start.countDown();
            adder.get(2, TimeUnit.MINUTES);
            long calls = 0;
            long leaks = 0;
            for (Future<long[]> f : maskers) {
                long[] r = f.get(2, TimeUnit.MINUTES);
                calls += r[0];
                leaks += r[1];
            }
            assertEquals(0, leaks, "of " + calls + " mask() calls, some returned a secret whose add() had returned");
        } finally {
            pool.shutdownNow();
        }
        assertEquals("calling with " + String.join(" and ", Collections.nCopies(values.size(), "******")) + " now",
                masker.mask(text));
    }

    @Test
    void overlappingSecretsLeaveNoFragmentAndShortValuesAreNotSecrets() {
        SecretMasker masker = new SecretMasker();
        masker.add("abcd1234");
        masker.add("1234wxyz");
        masker.add("abc"); // too short to be treated as a secret: would mask ordinary words
        assertEquals("key ****** end, abc", masker.mask("key abcd1234wxyz end, abc"));
    }

    @Test
    void aSecretIsMaskedInItsJsonAndUrlEncodedForms() {
        SecretMasker masker = new SecretMasker();
        masker.add("p\"a/ss word");
        assertEquals("{\"message\":\"auth ****** refused\"}", masker.mask("{\"message\":\"auth p\\\"a/ss word refused\"}"));
        assertEquals("https://h/?q=******", masker.mask("https://h/?q=p%22a%2Fss+word"));
    }

    @Test
    void urlUserInfoAndQueryCredentialsAreMaskedWithoutBeingDeclared() {
        SecretMasker masker = new SecretMasker();
        assertEquals("cannot connect to http://elastic:******@10.0.0.5:9200/_bulk",
                masker.mask("cannot connect to http://elastic:changeme@10.0.0.5:9200/_bulk"));
        assertEquals("jdbc:postgresql://holo:******@host:80/db and ssh://git@github.com",
                masker.mask("jdbc:postgresql://holo:p@ss:w0rd@host:80/db and ssh://git@github.com"));
        assertEquals("GET https://x.oss.aliyuncs.com/a.jsonl?OSSAccessKeyId=******&Expires=1700000000&Signature=******",
                masker.mask("GET https://x.oss.aliyuncs.com/a.jsonl?OSSAccessKeyId=LTAI5tAbc&Expires=1700000000&Signature=q%2Bz9w%3D"));
        assertEquals("/v1?access_token=******&api_key=******;password=****** key=****** page=2",
                masker.mask("/v1?access_token=tok.en-1&api_key=k1;password=hunter2 key=abc page=2"));
        assertEquals("Authorization: Bearer ******", masker.mask("Authorization: Bearer sk-abc.def_ghi"));
        assertEquals("cannot reach /x?apikey=******: refused (token=******).",
                masker.mask("cannot reach /x?apikey=ab:cd: refused (token=t0k3n)."));
        assertEquals("{\"error\":\"bad \\\"http://u:******@h/?token=******\\\" given\"}",
                masker.mask("{\"error\":\"bad \\\"http://u:pw12@h/?token=t0k3n\\\" given\"}"), "JSON stays JSON");
        assertEquals("http://host:9200/idx?pretty=true, user@example.com",
                masker.mask("http://host:9200/idx?pretty=true, user@example.com"));
    }

    @Test
    void credentialsInsideAParameterStayHiddenWhereTheirShapeIsLost() {
        SecretMasker masker = new SecretMasker();
        masker.addCredentialsIn("http://elastic:Es-pa55@10.0.0.5:9200/?api_key=ak-123456");
        assertEquals("java.net.UnknownHostException: elastic:******@10.0.0.5 (key ******)",
                masker.mask("java.net.UnknownHostException: elastic:Es-pa55@10.0.0.5 (key ak-123456)"));
    }

    @Test
    void logLinesAreMaskedWithEveryLiveJobsSecrets() {
        SecretMasker jobA = new SecretMasker();
        SecretMasker jobB = new SecretMasker();
        jobA.add("secret-of-job-a");
        jobB.add("secret-of-job-b");
        LoggerContext context = new LoggerContext();
        Logger logger = context.getLogger("test");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO,
                "a={} b={} url={}", new IllegalStateException("boom with secret-of-job-b"),
                new Object[] {"secret-of-job-a", "secret-of-job-b", "https://u:pw12@h"});
        MaskingMessageConverter message = new MaskingMessageConverter();
        assertEquals("a=****** b=****** url=https://u:******@h", message.convert(event));
        MaskingThrowableConverter throwable = new MaskingThrowableConverter();
        throwable.setContext(context);
        throwable.start();
        String trace = throwable.convert(event);
        assertTrue(trace.contains("boom with ******"), trace);
        assertFalse(trace.contains("secret-of-job-b"), trace);
    }
}
