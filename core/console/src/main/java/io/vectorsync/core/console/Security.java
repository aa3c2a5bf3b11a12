package io.vectorsync.core.console;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Who may talk to the console. Bound to a loopback address it needs no token, but only answers requests whose
 * {@code Host} is a loopback name (so a web page cannot reach it through DNS rebinding). Bound anywhere else it
 * needs the token generated at start, sent as the {@code X-Vectorsync-Token} header or the
 * {@code vectorsync_token} cookie (which opening {@code /?token=…} sets). State-changing calls are refused when
 * they come from another origin: {@code Origin} and {@code Sec-Fetch-Site} must say same origin, and a POST must
 * be {@code application/json}, which no cross-site HTML form can send.
 */
final class Security {
    static final String TOKEN_HEADER = "X-Vectorsync-Token";
    static final String TOKEN_COOKIE = "vectorsync_token";
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final Set<HandlerType> STATE_CHANGING = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.DELETE,
            HandlerType.PATCH);

    private final boolean loopback;
    private final String token;

    private Security(boolean loopback, String token) {
        this.loopback = loopback;
        this.token = token;
    }

    /** For the address the console binds: loopback needs no token; anything else gets a fresh random one. */
    static Security forBind(String bind) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + bind + ": unknown address");
        }
        if (loopback) {
            return new Security(true, null);
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return new Security(false, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The token, or null when none is needed (loopback). Printed once at start, never logged. */
    String token() {
        return token;
    }

    /** Runs before every request; throws {@link ConsoleException} to refuse it. */
    void check(Context ctx) {
        if (loopback) {
            String host = hostName(ctx.header("Host"));
            if (host == null || !LOOPBACK_HOSTS.contains(host)) {
                throw new ConsoleException(403, "this console is bound to a loopback address and answers only "
                        + "requests for localhost or 127.0.0.1");
            }
        } else if (!tokenPresented(ctx)) {
            if (ctx.method() == HandlerType.GET && ctx.path().equals("/") && matches(ctx.queryParam("token"))) {
                // the link printed at start: keep the token in a cookie only this site sends, then drop it from the URL
                ctx.header("Set-Cookie", TOKEN_COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
                ctx.redirect("/");
                ctx.skipRemainingHandlers();
                return;
            }
            throw new ConsoleException(401, "this console is bound to a public address: send the token printed at "
                    + "start as the " + TOKEN_HEADER + " header or open the printed link");
        }
        if (STATE_CHANGING.contains(ctx.method())) {
            checkSameOrigin(ctx);
        }
    }

    private boolean tokenPresented(Context ctx) {
        return matches(ctx.header(TOKEN_HEADER)) || matches(ctx.cookie(TOKEN_COOKIE));
    }

    private boolean matches(String presented) {
        return presented != null && token != null && MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private static void checkSameOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw csrf("it comes from another site (Sec-Fetch-Site: " + site + ")");
        }
        String origin = ctx.header("Origin");
        if (origin != null) {
            String host = ctx.header("Host");
            String originHost;
            try {
                originHost = URI.create(origin).getRawAuthority();
            } catch (IllegalArgumentException e) {
                originHost = null;
            }
            if (originHost == null || host == null || !originHost.equalsIgnoreCase(host)) {
                throw csrf("its Origin " + origin + " is not this console");
            }
        }
        if (ctx.method() == HandlerType.POST) {
            String type = ctx.header("Content-Type");
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                throw csrf("a POST must be sent as Content-Type: application/json");
            }
        }
    }

    private static ConsoleException csrf(String why) {
        return new ConsoleException(403, "refused a state-changing request: " + why);
    }

    private static String hostName(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String h = hostHeader.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
