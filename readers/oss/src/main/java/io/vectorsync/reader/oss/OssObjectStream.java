package io.vectorsync.reader.oss;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.OSSObject;
import io.vectorsync.api.Metrics;
import io.vectorsync.api.error.PluginException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The bytes of one object from an offset to its end, streamed. When the connection breaks mid-way the stream
 * asks again from the current offset with a {@code Range} request (pinned to the listed ETag), up to
 * {@link #MAX_RESUMES} times with a growing pause, so a long download survives a dropped connection.
 */
final class OssObjectStream extends InputStream {
    static final int MAX_RESUMES = 3;

    private final OSS client;
    private final String bucket;
    private final String key;
    private final String etag;
    private final long objectSize;
    private final Metrics.Counter retries;
    private final String step;
    private final String endpoint;
    private long position;
    private OSSObject current;
    private InputStream content;
    private int resumes;
    private final java.util.function.BooleanSupplier stopRequested;

    OssObjectStream(OSS client, String step, String endpoint, String bucket, OssSplit split, long from,
                    Metrics.Counter retries, java.util.function.BooleanSupplier stopRequested) {
        this.stopRequested = stopRequested;
        this.client = client;
        this.step = step;
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.key = split.key();
        this.etag = split.etag();
        this.objectSize = split.objectSize();
        this.position = from;
        this.retries = retries;
        open();
    }

    private void open() {
        if (position >= objectSize) {
            content = InputStream.nullInputStream();
            return;
        }
        GetObjectRequest req = new GetObjectRequest(bucket, key);
        if (position > 0) {
            req.setRange(position, objectSize - 1);
        }
        if (etag != null && !etag.isEmpty()) {
            req.setMatchingETagConstraints(List.of(etag));
        }
        try {
            current = client.getObject(req);
            content = current.getObjectContent();
        } catch (RuntimeException e) {
            throw OssErrors.translate(e, step, endpoint, bucket, "object \"" + key + "\"");
        }
    }

    /** The download itself failed (as opposed to the bytes being corrupt). */
    static final class TransferException extends IOException {
        TransferException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            try {
                int n = content.read(b, off, len);
                if (n > 0) {
                    position += n;
                } else if (n < 0 && position < objectSize) {
                    throw new IOException("connection ended at byte " + position + " of " + objectSize);
                }
                return n;
            } catch (IOException e) {
                if (resumes >= MAX_RESUMES) {
                    throw new TransferException("reading object \"" + key + "\" failed at byte " + position + " after "
                            + resumes + " resumed requests: " + e.getMessage(), e);
                }
                resumes++;
                retries.increment();
                abortQuietly();
                pause(resumes);
                try {
                    open();
                } catch (PluginException pe) {
                    throw new TransferException(pe.getMessage(), pe);
                }
            }
        }
    }

    /** Waits before a resumed request; gives up at once when the job stops or the thread is interrupted. */
    private void pause(int attempt) throws IOException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200L << (attempt - 1));
        try {
            for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                if (stopRequested.getAsBoolean()) {
                    throw new java.io.InterruptedIOException("the job is stopping; not resuming " + key);
                }
                Thread.sleep(Math.max(1, Math.min(50, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(left))));
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to resume " + key);
        }
    }

    private void abortQuietly() {
        try {
            if (current != null) {
                current.forcedClose();
            }
        } catch (IOException | RuntimeException ignored) {
            // the connection is being dropped anyway
        }
        current = null;
    }

    /** Drops the connection without reading the rest of the object. */
    @Override
    public void close() {
        abortQuietly();
    }
}
