package io.vectorsync.reader.hdfs;

import static io.vectorsync.reader.text.TextEscapes.unescape;

import io.vectorsync.api.config.PluginConfig;
import io.vectorsync.api.error.PluginException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;

/**
 * The text/csv settings of a step, checked once: delimiter, charset, compression, null text, CSV dialect.
 *
 * <p>The CSV dialect follows DataX's hdfsreader, which reads csv with javacsv's {@code CsvReader}: its defaults
 * (quotes on, {@code "} as qualifier, whitespace around fields trimmed, empty lines skipped, doubled quotes as
 * escape) apply, and {@code safetySwitch} (fields of at most 100,000 characters) is off when
 * {@code csvReaderConfig} is absent but on when a {@code csvReaderConfig} is given without it, exactly as
 * DataX's {@code UnstructuredStorageReaderUtil.setCsvReaderConfig} does.
 *
 * @param maxFieldLength the longest csv field accepted (safetySwitch), or 0 for no limit
 */
record HdfsTextFormat(boolean csv, String delimiter, Charset charset, String compress, String nullFormat,
                      boolean skipHeader, CSVFormat csvFormat, int maxFieldLength) {

    /** javacsv's limit when its SafetySwitch is on. */
    static final int SAFETY_SWITCH_LIMIT = 100_000;

    private static final Set<String> CSV_KEYS = Set.of("useTextQualifier", "textQualifier", "skipEmptyRecords",
            "trimWhitespace", "useComments", "comment", "safetySwitch", "delimiter", "captureRawRecord",
            "escapeMode", "recordDelimiter", "caseSensitive");

    static HdfsTextFormat from(PluginConfig config, boolean csv) {
        String delimiter = unescape(config.get(HdfsOptions.FIELD_DELIMITER));
        if (csv && delimiter.length() != 1) {
            throw PluginException.config("fieldDelimiter", "must be one character for fileType csv, was \""
                    + delimiter + "\"");
        }
        Charset charset;
        try {
            charset = Charset.forName(config.get(HdfsOptions.ENCODING).trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw PluginException.config("encoding", "unknown character set \"" + config.get(HdfsOptions.ENCODING)
                    + "\"; use e.g. UTF-8 or GBK");
        }
        if (!"\n".equals(new String("\n".getBytes(charset), StandardCharsets.ISO_8859_1))) {
            throw PluginException.config("encoding", charset + " is not ASCII-compatible; lines cannot be split "
                    + "(use UTF-8, GBK, ISO-8859-1 …)");
        }
        String compress = config.get(HdfsOptions.COMPRESS);
        compress = compress == null ? null : compress.toLowerCase(Locale.ROOT);
        String nullFormat = config.get(HdfsOptions.NULL_FORMAT);
        CSVFormat format = null;
        int maxFieldLength = 0;
        if (csv) {
            Map<String, Object> options = config.get(HdfsOptions.CSV_READER_CONFIG);
            format = csvFormat(delimiter.charAt(0), options);
            // DataX: no csvReaderConfig -> safetySwitch off; a csvReaderConfig without it -> javacsv's default, on
            maxFieldLength = options != null && bool(options, "safetySwitch", true) ? SAFETY_SWITCH_LIMIT : 0;
        } else if (config.isSet(HdfsOptions.CSV_READER_CONFIG)) {
            throw PluginException.config("csvReaderConfig", "only applies to fileType csv");
        }
        return new HdfsTextFormat(csv, delimiter, charset, compress, nullFormat == null ? null : unescape(nullFormat),
                config.get(HdfsOptions.SKIP_HEADER), format, maxFieldLength);
    }

    private static CSVFormat csvFormat(char delimiter, Map<String, Object> options) {
        // javacsv's defaults, as DataX uses them: trimWhitespace true, skipEmptyRecords true, quotes on
        CSVFormat.Builder b = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true);
        if (options == null) {
            return b.build();
        }
        for (String key : options.keySet()) {
            if (!CSV_KEYS.contains(key)) {
                throw PluginException.config("csvReaderConfig." + key, "unknown key; known: " + CSV_KEYS);
            }
        }
        boolean quotes = bool(options, "useTextQualifier", true);
        Object qualifier = options.get("textQualifier");
        if (qualifier != null && unescape(qualifier.toString()).length() != 1) {
            throw PluginException.config("csvReaderConfig.textQualifier", "must be one character");
        }
        b.setQuote(!quotes ? null : qualifier == null ? '"' : unescape(qualifier.toString()).charAt(0));
        b.setIgnoreEmptyLines(bool(options, "skipEmptyRecords", true));
        b.setIgnoreSurroundingSpaces(bool(options, "trimWhitespace", true));
        Object escapeMode = options.get("escapeMode");
        if (escapeMode != null) {
            // javacsv: 1 = ESCAPE_MODE_DOUBLED ("" inside quotes), 2 = ESCAPE_MODE_BACKSLASH (\" inside quotes)
            String mode = escapeMode.toString().trim();
            if (mode.equals("2")) {
                b.setEscape('\\');
            } else if (!mode.equals("1")) {
                throw PluginException.config("csvReaderConfig.escapeMode", "must be 1 (doubled quotes) or 2 "
                        + "(backslash), was \"" + escapeMode + "\"");
            }
        }
        if (bool(options, "useComments", false)) {
            Object comment = options.get("comment");
            b.setCommentMarker(comment == null ? '#' : unescape(comment.toString()).charAt(0));
        }
        Object d = options.get("delimiter");
        if (d != null && unescape(d.toString()).length() == 1) {
            b.setDelimiter(unescape(d.toString()).charAt(0));
        }
        return b.build();
    }

    private static boolean bool(Map<String, Object> options, String key, boolean dflt) {
        Object v = options.get(key);
        if (v == null) {
            return dflt;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            throw PluginException.config("csvReaderConfig." + key, "must be true or false, was \"" + v + "\"");
        }
        return s.equals("true");
    }
}
