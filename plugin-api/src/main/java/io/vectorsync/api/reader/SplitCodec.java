package io.vectorsync.api.reader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Turns a reader's splits into bytes and back, so a split can be written to a resume journal or shipped to
 * another machine (the Flink engine). Versioned like Flink's {@code SimpleVersionedSerializer}: the core stores
 * {@link #version()} beside the bytes and hands it back to {@link #decode}, which must refuse versions it does
 * not know with an {@link IOException} naming both versions.
 *
 * <p>Encode everything that identifies the input the split covers (path, size, modification time, partition,
 * row range): two plans are the same input exactly when their {@link #identity identities} are equal (by default
 * the encoded splits), which is how a resumed run notices that files changed. Thread-safe and stateless.
 */
public interface SplitCodec {
    /** The version of the format {@link #encode} writes; increase it when the format changes. */
    int version();

    /** The split as bytes. */
    byte[] encode(Split split) throws IOException;

    /** The split {@code bytes} describe, written by {@link #encode} at {@code version}. */
    Split decode(int version, byte[] bytes) throws IOException;

    /**
     * The bytes that identify the input {@code split} covers, for comparing two plans: equal exactly when the
     * splits read the same input. By default the encoded split. A reader whose encoding also carries a handle
     * that differs from plan to plan for the same input (a download session id) leaves the handle out here.
     */
    default byte[] identity(Split split) throws IOException {
        return encode(split);
    }

    /**
     * A codec writing fields with {@link DataOutputStream} (strings as UTF, numbers big-endian), the shape most
     * readers need:
     * <pre>{@code
     * SplitCodec.of(1, (FileSplit s, DataOutputStream out) -> { out.writeUTF(s.path()); out.writeLong(s.size()); },
     *               in -> new FileSplit(in.readUTF(), in.readLong()));
     * }</pre>
     */
    static <S extends Split> SplitCodec of(int version, Class<S> type, Writer<S> writer, ReaderFn<S> reader) {
        return new SplitCodec() {
            @Override
            public int version() {
                return version;
            }

            @Override
            public byte[] encode(Split split) throws IOException {
                if (!type.isInstance(split)) {
                    throw new IOException("cannot encode " + split.getClass().getName() + ": this codec encodes "
                            + type.getName());
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    writer.write(type.cast(split), out);
                }
                return bytes.toByteArray();
            }

            @Override
            public Split decode(int v, byte[] bytes) throws IOException {
                if (v != version) {
                    throw new IOException("split format version " + v + " is not known to this reader (it writes "
                            + "version " + version + "); the state was written by another version of the plugin");
                }
                try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                    S split;
                    try {
                        split = reader.read(in);
                    } catch (java.io.EOFException e) {
                        throw new IOException("the " + bytes.length + " bytes end before a whole "
                                + type.getSimpleName() + " was read: the split state is truncated or corrupt", e);
                    }
                    if (in.available() > 0) {
                        throw new IOException(in.available() + " unread bytes after a " + type.getSimpleName());
                    }
                    return split;
                }
            }
        };
    }

    /** Writes one split's fields. */
    @FunctionalInterface
    interface Writer<S> {
        void write(S split, DataOutputStream out) throws IOException;
    }

    /** Reads one split's fields, in the order {@link Writer} wrote them. */
    @FunctionalInterface
    interface ReaderFn<S> {
        S read(DataInputStream in) throws IOException;
    }
}
