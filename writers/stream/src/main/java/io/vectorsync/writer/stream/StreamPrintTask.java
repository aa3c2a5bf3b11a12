package io.vectorsync.writer.stream;

import io.vectorsync.api.record.Row;
import io.vectorsync.api.record.SparseVector;
import io.vectorsync.api.writer.WriterTask;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Prints records as lines of delimited values: vectors as full JSON arrays, sparse vectors as
 * {@code {"indices":[…],"values":[…]}}, bytes as base64, timestamps and dates as ISO-8601, null as {@code null}.
 */
final class StreamPrintTask implements WriterTask {
    private final PrintStream out;
    private final String delimiter;
    private final Charset charset;
    private final StringBuilder sb = new StringBuilder(8192);

    StreamPrintTask(PrintStream out, String delimiter, Charset charset) {
        this.out = Objects.requireNonNull(out, "out is null");
        this.delimiter = Objects.requireNonNull(delimiter, "delimiter is null");
        this.charset = Objects.requireNonNull(charset, "charset is null");
    }

    @Override
    public void write(List<Row> batch) {
        sb.setLength(0);
        for (Row r : batch) {
            for (int i = 0; i < r.size(); i++) {
                if (i > 0) {
                    sb.append(delimiter);
                }
                appendValue(sb, r.get(i));
            }
            sb.append('\n');
        }
        byte[] bytes = sb.toString().getBytes(charset);
        synchronized (out) {
            out.write(bytes, 0, bytes.length);
        }
        if (sb.capacity() > 1 << 20) {
            sb.setLength(0);
            sb.trimToSize();
        }
    }

    static void appendValue(StringBuilder sb, Object v) {
        if (v instanceof float[] f) {
            sb.append('[');
            for (int i = 0; i < f.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(f[i]);
            }
            sb.append(']');
        } else if (v instanceof SparseVector s) {
            sb.append("{\"indices\":[");
            for (int i = 0; i < s.size(); i++) {
                sb.append(i > 0 ? "," : "").append(s.index(i));
            }
            sb.append("],\"values\":[");
            for (int i = 0; i < s.size(); i++) {
                sb.append(i > 0 ? "," : "").append(s.value(i));
            }
            sb.append("]}");
        } else if (v instanceof byte[] b) {
            sb.append(Base64.getEncoder().encodeToString(b));
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                appendValue(sb, list.get(i));
            }
            sb.append(']');
        } else {
            sb.append(v); // null prints as "null", like DataX
        }
    }

    @Override
    public void flush() {
        out.flush();
    }

    /** Lines already printed stay printed; nothing is buffered between batches, so there is nothing to drop. */
    @Override
    public void abort(Throwable cause) {
        sb.setLength(0);
    }

    @Override
    public void close() {
        out.flush();
    }
}
