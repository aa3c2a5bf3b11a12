package io.vectorsync.reader.oss;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Wraps an object's bytes in the decompressor named by {@code compress} (commons-compress). */
final class OssCompression {
    private OssCompression() {
    }

    static InputStream wrap(InputStream in, String compress) throws IOException {
        if (compress == null) {
            return in;
        }
        InputStream buffered = new BufferedInputStream(in, 1 << 16);
        return switch (compress.toLowerCase(java.util.Locale.ROOT)) {
            case "gzip" -> new GzipCompressorInputStream(buffered, true);
            case "bzip2" -> new BZip2CompressorInputStream(buffered, true);
            case "zip" -> new ZipEntries(new ZipArchiveInputStream(buffered));
            default -> throw new IllegalArgumentException("unsupported compress " + compress);
        };
    }

    /** The files of a zip archive one after the other, with a line break between two files. */
    private static final class ZipEntries extends InputStream {
        private final ZipArchiveInputStream zip;
        private boolean inEntry;
        private boolean separatorDue;
        private boolean finished;

        ZipEntries(ZipArchiveInputStream zip) {
            this.zip = zip;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (!finished) {
                if (!inEntry) {
                    ZipArchiveEntry e = zip.getNextEntry();
                    if (e == null) {
                        finished = true;
                        return -1;
                    }
                    inEntry = !e.isDirectory();
                    continue;
                }
                if (separatorDue) {
                    separatorDue = false;
                    b[off] = '\n';
                    inEntry = false;
                    return 1;
                }
                int n = zip.read(b, off, len);
                if (n >= 0) {
                    return n;
                }
                separatorDue = true;
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }
}
