package io.vectorsync.core.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Loopback without a token, a public bind with one, and CSRF refusals for state-changing calls. */
class ConsoleSecurityTest {
    static {
        // lets the test send a forged Host header, as a DNS-rebinding page would
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    @Test
    void loopbackNeedsNoTokenButRefusesForeignHostsAndCrossSiteWrites() throws Exception {
        try (ConsoleFixture console = new ConsoleFixture("127.0.0.1")) {
            assertNull(console.server.token());
            assertEquals(200, console.get("/api/plugins").statusCode());
            assertEquals(200, console.get("/").statusCode());
            HttpResponse<String> rebound = console.get("/api/plugins", "Host", "attacker.example:" + console.server.port());
            assertEquals(403, rebound.statusCode(), rebound.body());

            String job = ConsoleFixture.quickstartJob();
            assertEquals(403, console.send("POST", "/api/runs", job, "Content-Type", "text/plain").statusCode(),
                    "a form-encodable POST is refused");
            assertEquals(403, console.send("POST", "/api/runs", job).statusCode(), "no content type");
            HttpResponse<String> foreign = console.send("POST", "/api/runs", job, "Content-Type", "application/json",
                    "Origin", "http://attacker.example");
            assertEquals(403, foreign.statusCode());
            assertTrue(foreign.body().contains("Origin"), foreign.body());
            assertEquals(403, console.send("PUT", "/api/datasources/x", "{\"type\":\"localfile\"}", "Content-Type",
                    "application/json", "Sec-Fetch-Site", "cross-site").statusCode());
            assertEquals(403, console.send("DELETE", "/api/datasources/x", "", "Origin", "http://attacker.example").statusCode());
            assertEquals(0, console.get("/api/runs").body().replaceAll("\\s", "").equals("[]") ? 0 : 1, "nothing was started");
            assertEquals(200, console.send("POST", "/api/validate", job, "Content-Type", "application/json",
                    "Origin", console.base, "Sec-Fetch-Site", "same-origin").statusCode(), "the page's own calls pass");
        }
    }

    @Test
    void publicBindRequiresTheTokenAsHeaderOrCookie() throws Exception {
        try (ConsoleFixture console = new ConsoleFixture("0.0.0.0")) {
            String token = console.server.token();
            assertNotNull(token);
            assertTrue(token.length() >= 32);
            HttpResponse<String> none = console.get("/api/plugins");
            assertEquals(401, none.statusCode());
            assertTrue(none.body().contains("X-Vectorsync-Token"), none.body());
            assertEquals(401, console.get("/").statusCode(), "pages need the token too");
            assertEquals(401, console.get("/api/plugins", "X-Vectorsync-Token", token + "x").statusCode());
            assertEquals(401, console.json("POST", "/api/runs", ConsoleFixture.quickstartJob()).statusCode());
            assertEquals(200, console.get("/api/plugins", "X-Vectorsync-Token", token).statusCode());
            assertEquals(200, console.get("/api/plugins", "Cookie", "vectorsync_token=" + token).statusCode());

            HttpResponse<String> login = console.get("/?token=" + token);
            assertEquals(302, login.statusCode());
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.startsWith("vectorsync_token=" + token), cookie);
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            assertEquals(401, console.get("/?token=wrong").statusCode());
        }
    }
}
