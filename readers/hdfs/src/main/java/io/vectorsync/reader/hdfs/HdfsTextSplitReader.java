package io.vectorsync.reader.hdfs;

import io.vectorsync.reader.format.FileValues;
import io.vectorsync.reader.format.RowMapper;
import io.vectorsync.reader.text.TextFields;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.reader.PollStatus;
import io.vectorsync.api.reader.RecordOutput;
import io.vectorsync.api.reader.SplitReader;
import io.vectorsync.api.record.Row;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.Iterator;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.util.LineReader;

/**
 * Reads one text or csv file, decompressing it first. Per line: a line that is not valid in the encoding, has
 * too few fields or a value that does not convert is a dirty record naming the file and line. An I/O error, a
 * corrupt compressed stream or (csv) undecodable bytes or an unterminated quote stop the job with
 * {@code hdfs.READ_FAILED} naming the file and line: the rest of such a file cannot be trusted.
 */
final class HdfsTextSplitReader implements SplitReader {
    private static final int BATCH = 512;

    private final HdfsTextFormat format;
    private final RowMapper mapper;
    private final String file;
    private final InputStream raw;
    private final ZipArchiveInputStream zip;
    private final boolean skipHeader;
    private String part;
    private InputStream current;
    private LineReader lines;
    private CSVParser csv;
    private Iterator<CSVRecord> csvRecords;
    private long lineNumber;
    private String rawLine;
    private final Text text = new Text();

    HdfsTextSplitReader(FileSystem fs, HdfsSplit split, HdfsTextFormat format, RowMapper mapper)
            throws IOException {
        this.format = format;
        this.mapper = mapper;
        this.file = split.id();
        this.skipHeader = format.skipHeader() && split.start() == 0;
        Path path = new Path(split.path());
        org.apache.hadoop.fs.FSDataInputStream in = fs.open(path);
        if (!split.wholeFile()) {
            // a line-aligned range of an uncompressed file: read it as a file of its own
            try {
                in.seek(split.start());
            } catch (IOException e) {
                in.close();
                throw e;
            }
            this.raw = org.apache.commons.io.input.BoundedInputStream.builder().setInputStream(in)
                    .setMaxCount(split.end() - split.start()).get();
            this.zip = null;
            start(raw, null);
            return;
        }
        try {
            HdfsCompression.Opened opened = HdfsCompression.open(in, path, format.compress(), fs.getConf());
            this.raw = opened.stream();
            this.zip = opened.zip() ? new ZipArchiveInputStream(raw) : null;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        if (zip == null) {
            start(raw, null);
        }
    }

    private void start(InputStream in, String entry) throws IOException {
        current = in;
        part = entry == null ? file : file + "!" + entry;
        lineNumber = 0;
        if (format.csv()) {
            InputStreamReader reader = new InputStreamReader(in, format.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            csv = CSVParser.parse(reader, format.csvFormat());
            csvRecords = csv.iterator();
        } else {
            lines = new LineReader(in, 64 * 1024);
        }
        if (skipHeader) {
            nextFields();
        }
    }

    /** The next entry of a zip archive, or false when there is none. */
    private boolean nextEntry() throws IOException {
        ZipArchiveEntry e;
        while ((e = zip.getNextEntry()) != null) {
            if (!e.isDirectory()) {
                start(zip, e.getName());
                return true;
            }
        }
        return false;
    }

    /** One row of the current stream as fields, or null at its end; sets {@link #lineNumber} and rawLine. */
    private String[] nextFields() throws IOException {
        if (format.csv()) {
            try {
                if (!csvRecords.hasNext()) {
                    return null;
                }
                CSVRecord r = csvRecords.next();
                lineNumber = r.getRecordNumber();
                String[] values = r.values();
                checkFieldLengths(values);
                rawLine = String.join(format.csvFormat().getDelimiterString(), values);
                return values;
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        while (true) {
            int n = lines.readLine(text);
            if (n == 0) {
                return null;
            }
            lineNumber++;
            String line;
            try {
                line = format.charset().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(text.getBytes(), 0, text.getLength())).toString();
            } catch (CharacterCodingException e) {
                String lossy = new String(text.getBytes(), 0, text.getLength(), format.charset());
                mapper.dirtyRaw(FileValues.abbreviate(lossy), part + " line " + lineNumber + ": not valid "
                        + format.charset() + " text (" + e + ")");
                continue;
            }
            rawLine = line;
            return TextFields.split(line, format.delimiter()).toArray(new String[0]);
        }
    }

    /** csvReaderConfig.safetySwitch: a field longer than javacsv's limit stops the job, as in DataX. */
    private void checkFieldLengths(String[] values) {
        if (format.maxFieldLength() <= 0) {
            return;
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && values[i].length() > format.maxFieldLength()) {
                throw new PluginException(HdfsErrorCode.READ_FAILED, part + " record " + lineNumber + ": field "
                        + i + " has " + values[i].length() + " characters, more than the " + format.maxFieldLength()
                        + " csvReaderConfig.safetySwitch allows; set \"safetySwitch\": false in csvReaderConfig"
                        + " to read longer fields");
            }
        }
    }

    /** The first row of a file (its header, if it has one), or null when the file is empty. */
    static String[] firstRow(FileSystem fs, HdfsSplit split, HdfsTextFormat format) throws IOException {
        HdfsTextFormat noSkip = new HdfsTextFormat(format.csv(), format.delimiter(), format.charset(),
                format.compress(), format.nullFormat(), false, format.csvFormat(), format.maxFieldLength());
        RowMapper strict = new RowMapper(io.vectorsync.api.record.Schema.builder().build(), null,
                format.charset(), null, (record, code, message) -> {
                    throw new PluginException(HdfsErrorCode.READ_FAILED, message);
                });
        try (HdfsTextSplitReader r = new HdfsTextSplitReader(fs, split, noSkip, strict)) {
            if (r.zip != null && !r.nextEntry()) {
                return null;
            }
            return r.nextFields();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public PollStatus poll(RecordOutput output) {
        try {
            for (int i = 0; i < BATCH; i++) {
                String[] fields = current == null ? null : nextFields();
                if (fields == null) {
                    if (zip != null && nextEntry()) {
                        continue;
                    }
                    return PollStatus.END;
                }
                Row r = mapper.fromText(fields, part + (format.csv() ? " record " : " line ") + lineNumber, FileValues.abbreviate(rawLine));
                if (r != null) {
                    output.emit(r);
                }
            }
            return PollStatus.MORE;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            throw new PluginException(HdfsErrorCode.READ_FAILED, "cannot read " + part + " after line "
                    + lineNumber + " (" + describe(cause) + "); the file is corrupt, not in the expected "
                    + "compression" + (format.csv() ? ", not in encoding " + format.charset()
                    + " or has an unterminated quote" : "") + ". Check compress/encoding or fix the file", cause);
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    @Override
    public void close() throws IOException {
        if (csv != null) {
            csv.close();
        }
        raw.close();
    }
}
