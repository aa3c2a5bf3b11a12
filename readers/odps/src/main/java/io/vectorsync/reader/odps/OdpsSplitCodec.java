package io.vectorsync.reader.odps;

import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitCodec;
import java.io.IOException;

/**
 * Version 3: table, session id, SQL instance id ("" for table sessions), partition and record range, so a split
 * re-opens its download session (table tunnel or instance tunnel) in another reader or process. Version 2 splits
 * (no instance id) still decode, as table sessions. The identity leaves the session and instance ids out (each
 * plan opens new sessions and runs a new query): two plans are the same input when they cut the same partitions
 * into the same record ranges.
 */
final class OdpsSplitCodec implements SplitCodec {
    private static final SplitCodec V3 = SplitCodec.of(3, OdpsSplit.class, (s, out) -> {
        out.writeUTF(s.table());
        out.writeUTF(s.sessionId());
        out.writeUTF(s.instanceId());
        out.writeUTF(s.partition());
        out.writeLong(s.start());
        out.writeLong(s.count());
    }, in -> new OdpsSplit(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(), in.readLong()));
    private static final SplitCodec V2 = SplitCodec.of(2, OdpsSplit.class, (s, out) -> {
        throw new IOException("version 2 is only read");
    }, in -> new OdpsSplit(in.readUTF(), in.readUTF(), "", in.readUTF(), in.readLong(), in.readLong()));

    @Override
    public int version() {
        return V3.version();
    }

    @Override
    public byte[] encode(Split split) throws IOException {
        return V3.encode(split);
    }

    @Override
    public Split decode(int version, byte[] bytes) throws IOException {
        return version == 2 ? V2.decode(version, bytes) : V3.decode(version, bytes);
    }

    @Override
    public byte[] identity(Split split) throws IOException {
        OdpsSplit s = (OdpsSplit) split;
        return V3.encode(new OdpsSplit(s.table(), "", "", s.partition(), s.start(), s.count()));
    }
}
