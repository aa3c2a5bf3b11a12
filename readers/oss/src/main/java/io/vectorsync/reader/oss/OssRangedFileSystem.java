package io.vectorsync.reader.oss;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.OSSObject;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * A read-only Hadoop {@link FileSystem} over the objects the reader listed, so the shared Parquet and ORC readers
 * (readers/format-common) read OSS objects as they read HDFS files. Every read is a ranged GET
 * ({@code Range: bytes=a-b}, pinned to the listed ETag): a positioned read fetches exactly the bytes asked for
 * (a Parquet column chunk, an ORC stripe's streams, the footers), a sequential read fetches a window of at most
 * {@link #WINDOW} bytes. No object is downloaded whole unless it is read whole.
 */
final class OssRangedFileSystem extends FileSystem {
    /** The most bytes one sequential read fetches ahead. */
    static final int WINDOW = 1 << 20;

    private final OSS client;
    private final String bucket;
    private final Map<String, OssObjectLister.ObjectInfo> objects;
    private final URI uri;

    OssRangedFileSystem(OSS client, String bucket, Map<String, OssObjectLister.ObjectInfo> objects) {
        this.client = client;
        this.bucket = bucket;
        this.objects = objects;
        this.uri = URI.create("oss://" + bucket + "/");
        setConf(new Configuration(false));
    }

    /** The path the format readers use for {@code key}. */
    static String path(String bucket, String key) {
        return "oss://" + bucket + "/" + key;
    }

    private OssObjectLister.ObjectInfo object(Path p) throws FileNotFoundException {
        String key = p.toUri().getPath().replaceFirst("^/", "");
        OssObjectLister.ObjectInfo o = objects.get(key);
        if (o == null) {
            throw new FileNotFoundException("oss://" + bucket + "/" + key + " is not among the listed objects");
        }
        return o;
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public String getScheme() {
        return "oss";
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        return new FSDataInputStream(new RangedStream(object(f)));
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        OssObjectLister.ObjectInfo o = object(f);
        return new FileStatus(o.size(), false, 1, WINDOW, 0, makeQualified(f));
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        return new FileStatus[] {getFileStatus(f)};
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                     short replication, long blockSize, Progressable progress) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public FSDataOutputStream append(Path f, int bufferSize, Progressable progress) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public boolean rename(Path src, Path dst) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public boolean delete(Path f, boolean recursive) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public void setWorkingDirectory(Path dir) {
        // one flat namespace
    }

    @Override
    public Path getWorkingDirectory() {
        return new Path(uri);
    }

    @Override
    public boolean mkdirs(Path f, FsPermission permission) {
        throw new UnsupportedOperationException("read-only");
    }

    /** One object, read with ranged GETs. */
    private final class RangedStream extends FSInputStream {
        private final OssObjectLister.ObjectInfo object;
        private long pos;
        private byte[] window = new byte[0];
        private long windowStart;

        RangedStream(OssObjectLister.ObjectInfo object) {
            this.object = object;
        }

        /** Bytes [from, from + len) of the object, with one ranged GET. */
        private byte[] fetch(long from, int len) throws IOException {
            GetObjectRequest req = new GetObjectRequest(bucket, object.key());
            req.setRange(from, from + len - 1);
            if (object.etag() != null && !object.etag().isEmpty()) {
                req.setMatchingETagConstraints(List.of(object.etag()));
            }
            try (OSSObject o = client.getObject(req); InputStream in = o.getObjectContent()) {
                byte[] b = in.readNBytes(len);
                if (b.length != len) {
                    throw new IOException("oss://" + bucket + "/" + object.key() + ": asked bytes " + from + "-"
                            + (from + len - 1) + ", got " + b.length);
                }
                return b;
            } catch (com.aliyun.oss.OSSException | com.aliyun.oss.ClientException e) {
                throw new IOException("oss://" + bucket + "/" + object.key() + ": ranged GET of bytes " + from + "-"
                        + (from + len - 1) + " failed: " + e.getMessage(), e);
            }
        }

        @Override
        public int read(long position, byte[] buffer, int offset, int length) throws IOException {
            if (position >= object.size()) {
                return -1;
            }
            int n = (int) Math.min(length, object.size() - position);
            if (n == 0) {
                return 0;
            }
            System.arraycopy(fetch(position, n), 0, buffer, offset, n);
            return n;
        }

        @Override
        public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
            if (position + length > object.size()) {
                throw new java.io.EOFException("oss://" + bucket + "/" + object.key() + " has " + object.size()
                        + " bytes, asked " + length + " from " + position);
            }
            if (length > 0) {
                System.arraycopy(fetch(position, length), 0, buffer, offset, length);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= object.size()) {
                return -1;
            }
            if (pos < windowStart || pos >= windowStart + window.length) {
                windowStart = pos;
                window = fetch(pos, (int) Math.min(Math.max(len, 64 * 1024), Math.min(WINDOW, object.size() - pos)));
            }
            int n = (int) Math.min(len, windowStart + window.length - pos);
            System.arraycopy(window, (int) (pos - windowStart), b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public void seek(long target) throws IOException {
            if (target < 0 || target > object.size()) {
                throw new java.io.EOFException("seek to " + target + " outside 0-" + object.size());
            }
            pos = target;
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public boolean seekToNewSource(long targetPos) {
            return false;
        }
    }
}
