package io.vectorsync.core.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Credentials recognisable by their shape, masked in every text whether or not the job declared them secret:
 * <ul>
 *   <li>the password of a URL's user-info: {@code http://user:pass@host} becomes {@code http://user:******@host}
 *       (a user name alone, as in {@code ssh://git@host}, is kept);</li>
 *   <li>the value of a query-string or key=value parameter named in {@link #PARAMETER_NAMES} (case-insensitive),
 *       after {@code ?}, {@code &}, {@code ;}, {@code ,}, an opening bracket, a space, a quote or at the start of the
 *       text (a trailing {@code :.,)} is left to the sentence):
 *       {@code ?access_token=abc&x=1} becomes {@code ?access_token=******&x=1};</li>
 *   <li>a bearer token: {@code Authorization: Bearer abc} becomes {@code Authorization: Bearer ******}.</li>
 * </ul>
 * A value ends at a quote, a space or a backslash, so masking JSON text (a report) keeps it valid JSON.
 */
public final class CredentialPatterns {
    /** Parameter names whose value is a credential: OAuth, API keys, passwords, and the signed-URL schemes of OSS, S3, GCS and Azure. */
    public static final List<String> PARAMETER_NAMES = List.of(
            "access_token", "refresh_token", "id_token", "token", "auth_token", "security-token", "security_token",
            "key", "apikey", "api_key", "api-key", "access_key", "secret_key", "accesskeyid", "accesskeysecret",
            "ossaccesskeyid", "private_token", "password", "passwd", "pwd", "secret", "client_secret", "signature", "sig",
            "credential", "x-amz-signature", "x-amz-credential", "x-amz-security-token", "x-goog-signature",
            "x-goog-credential");

    private static final Pattern URL_PASSWORD = Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.-]*://[^/?#@\\s:\"'<>\\\\]+:)([^/?#\\s\"'<>\\\\]+)@");
    private static final Pattern PARAMETER = Pattern.compile("(?i)((?:^|[?&;,(\\[{\\s\"'])(?:"
            + PARAMETER_NAMES.stream().map(Pattern::quote).collect(Collectors.joining("|"))
            + ")=)([^&#;\\s\"'<>\\\\]*[^&#;\\s\"'<>\\\\:.,)])"); // a trailing ':' '.' ',' ')' is the sentence's
    private static final Pattern BEARER = Pattern.compile("(?i)(\\bbearer\\s+)([A-Za-z0-9._~+/=-]+)");

    private CredentialPatterns() {
    }

    /** {@code text} with every credential-shaped part replaced by {@link SecretMasker#MASK}. */
    public static String mask(String text) {
        String out = text;
        if (out.contains("://")) {
            out = replace(URL_PASSWORD, out);
        }
        if (out.indexOf('=') >= 0) {
            out = replace(PARAMETER, out);
        }
        if (out.contains("earer") || out.contains("EARER")) {
            out = replace(BEARER, out);
        }
        return out;
    }

    /**
     * The credential values in {@code text} (URL passwords, credential parameters, bearer tokens). A job's masker
     * adds those of its parameters as secrets, so they stay hidden in texts that no longer show their shape: a
     * client's {@code UnknownHostException: user:pass@host} has lost the {@code scheme://}.
     */
    public static List<String> credentialsIn(String text) {
        List<String> found = new ArrayList<>();
        for (Pattern p : List.of(URL_PASSWORD, PARAMETER, BEARER)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                found.add(m.group(2));
            }
        }
        return found;
    }

    private static String replace(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + SecretMasker.MASK + (pattern == URL_PASSWORD ? "@" : "")));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}
