package io.vectorsync.core.stats;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** Parameter names whose value is a credential: OAuth, API keys, passwords, signed URLs of OSS, S3, GCS, Azure. */
    public static final List<String> PARAMETER_NAMES = List.of(
            "access_token", "refresh_token", "id_token", "token", "auth_token", "security-token", "security_token",
            "key", "apikey", "api_key", "api-key", "access_key", "secret_key", "accesskeyid", "accesskeysecret",
            "ossaccesskeyid", "private_token", "password", "passwd", "pwd", "secret", "client_secret", "signature",
            "sig", "credential", "x-amz-signature", "x-amz-credential", "x-amz-security-token", "x-goog-signature",
            "x-goog-credential");

    private static final Set<String> NAMES = Set.copyOf(PARAMETER_NAMES);
    private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+([A-Za-z0-9._~+/=-]+)");

    private CredentialPatterns() {
    }

    /** {@code text} with every credential-shaped part replaced by {@link SecretMasker#MASK}. */
    public static String mask(String text) {
        BitSet hidden = find(text);
        if (hidden.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        for (int start = hidden.nextSetBit(0); start >= 0; start = hidden.nextSetBit(i)) {
            out.append(text, i, start).append(SecretMasker.MASK);
            i = hidden.nextClearBit(start);
        }
        return out.append(text, i, text.length()).toString();
    }

    /**
     * The credential values in {@code text} (URL passwords, credential parameters, bearer tokens). A job's masker
     * adds those of its parameters as secrets, so they stay hidden in texts that no longer show their shape: a
     * client's {@code UnknownHostException: user:pass@host} has lost the {@code scheme://}.
     */
    public static List<String> credentialsIn(String text) {
        BitSet hidden = find(text);
        List<String> found = new ArrayList<>();
        for (int start = hidden.nextSetBit(0); start >= 0; start = hidden.nextSetBit(start)) {
            int end = hidden.nextClearBit(start);
            found.add(text.substring(start, end));
            start = end;
        }
        return found;
    }

    /** The characters of {@code text} that are credential values. Scans by hand: this runs on every log line. */
    private static BitSet find(String text) {
        BitSet hidden = new BitSet();
        urlPasswords(text, hidden);
        parameterValues(text, hidden);
        if (text.contains("earer") || text.contains("EARER")) {
            Matcher m = BEARER.matcher(text);
            while (m.find()) {
                hidden.set(m.start(1), m.end(1));
            }
        }
        return hidden;
    }

    /** {@code scheme://user:PASSWORD@host}: the password runs to the authority's last {@code @}. */
    private static void urlPasswords(String text, BitSet hidden) {
        for (int i = text.indexOf("://"); i >= 0; i = text.indexOf("://", i + 3)) {
            if (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1))) {
                continue; // no scheme
            }
            int start = i + 3;
            int end = start;
            while (end < text.length() && !authorityEnd(text.charAt(end))) {
                end++;
            }
            int at = text.lastIndexOf('@', end - 1);
            int colon = text.indexOf(':', start);
            int firstAt = text.indexOf('@', start);
            if (at < start || colon <= start || colon >= at || firstAt < colon) {
                continue; // no user-info, a user name alone, or no user name before the ':'
            }
            if (colon + 1 < at) {
                hidden.set(colon + 1, at);
            }
        }
    }

    /** {@code NAME=VALUE} where NAME is one of {@link #PARAMETER_NAMES} and starts the text or follows a separator. */
    private static void parameterValues(String text, BitSet hidden) {
        for (int eq = text.indexOf('='); eq >= 0; eq = text.indexOf('=', eq + 1)) {
            int nameStart = eq;
            while (nameStart > 0 && nameChar(text.charAt(nameStart - 1))) {
                nameStart--;
            }
            if (nameStart == eq || (nameStart > 0 && !separator(text.charAt(nameStart - 1)))
                    || !NAMES.contains(text.substring(nameStart, eq).toLowerCase(Locale.ROOT))) {
                continue;
            }
            int end = eq + 1;
            while (end < text.length() && !valueEnd(text.charAt(end))) {
                end++;
            }
            while (end > eq + 1 && ":.,)".indexOf(text.charAt(end - 1)) >= 0) {
                end--; // the sentence's punctuation, not the value's
            }
            if (end > eq + 1) {
                hidden.set(eq + 1, end);
            }
        }
    }

    private static boolean authorityEnd(char c) {
        return c == '/' || c == '?' || c == '#' || quoteSpaceOrBracket(c);
    }

    private static boolean nameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    private static boolean separator(char c) {
        return c == '?' || c == '&' || c == ';' || c == ',' || c == '(' || c == '[' || c == '{' || c == '"'
                || c == '\'' || Character.isWhitespace(c);
    }

    private static boolean valueEnd(char c) {
        return c == '&' || c == '#' || c == ';' || quoteSpaceOrBracket(c);
    }

    private static boolean quoteSpaceOrBracket(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\';
    }
}
