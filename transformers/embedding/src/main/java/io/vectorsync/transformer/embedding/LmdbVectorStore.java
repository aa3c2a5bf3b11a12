package io.vectorsync.transformer.embedding;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.KeyRange;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Stat;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk tier: an LMDB environment in a directory ({@code data.mdb}, {@code lock.mdb}). LMDB is a
 * memory-mapped B+tree built for exactly this: readers never block, one writer at a time, and several processes
 * may open the same directory at once (its lock file coordinates them), so concurrent jobs on one machine share the
 * cache safely. One {@link Env} per directory and process ({@link SharedEnv}), as LMDB requires.
 *
 * <p>Key: SHA-256 of (provider, model key, dimension, text). Value: {@code [version 1][crc32c 4][lastUsed 8]
 * [dimension 4][floats 4·dimension]}; the CRC covers dimension and floats, so a torn or corrupt entry is detected,
 * never returned, and overwritten by the re-embedded vector. {@code lastUsed} (refreshed on hits) drives eviction:
 * above {@code maxSizeMb}, the least recently used quarter of the entries is deleted.
 */
final class LmdbVectorStore implements PersistentCache {
    private static final Logger LOG = LoggerFactory.getLogger(LmdbVectorStore.class);
    private static final byte VERSION = 1;
    private static final int HEADER = 1 + 4 + 8 + 4;

    private final SharedEnv shared;
    private final Keys keys;
    private final int dimension;
    private final long maxBytes;

    LmdbVectorStore(Path dir, long maxSizeMb, String provider, String modelKey, int dimension) {
        this.shared = SharedEnv.open(dir, maxSizeMb);
        this.keys = new Keys(provider, modelKey, dimension);
        this.dimension = dimension;
        this.maxBytes = maxSizeMb * 1024 * 1024;
    }

    byte[] keyOf(String text) {
        return keys.of(text);
    }

    /** Cache keys: SHA-256 of (provider, model key, dimension, text), NUL-separated. */
    static final class Keys {
        private final byte[] prefix;

        Keys(String provider, String modelKey, int dimension) {
            this.prefix = (provider + "\u0000" + modelKey + "\u0000" + dimension + "\u0000")
                    .getBytes(StandardCharsets.UTF_8);
        }

        byte[] of(String text) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                md.update(prefix);
                return md.digest(text.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public Map<String, float[]> getAll(List<String> texts) {
        Map<String, float[]> found = new HashMap<>();
        List<byte[]> hitKeys = new ArrayList<>();
        List<byte[]> hitValues = new ArrayList<>();
        Env<byte[]> env = shared.env();
        try (Txn<byte[]> txn = env.txnRead()) {
            for (String text : texts) {
                byte[] key = keyOf(text);
                byte[] value = shared.dbi().get(txn, key);
                if (value == null) {
                    continue;
                }
                float[] v = decode(value, dimension);
                if (v == null) {
                    LOG.warn("embedding cache {}: an entry failed its checksum; it is re-embedded", shared.dir());
                    continue;
                }
                found.put(text, v);
                hitKeys.add(key);
                hitValues.add(value);
            }
        } catch (LmdbException e) {
            LOG.warn("embedding cache {} could not be read ({}); embedding instead", shared.dir(), e.toString());
            return Map.of();
        }
        touch(hitKeys, hitValues);
        return found;
    }

    /** Refreshes lastUsed of hit entries, so eviction keeps what is still used. */
    private void touch(List<byte[]> keys, List<byte[]> values) {
        if (keys.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        write(txn -> {
            for (int i = 0; i < keys.size(); i++) {
                byte[] copy = values.get(i).clone();
                ByteBuffer.wrap(copy).putLong(5, now);
                shared.dbi().put(txn, keys.get(i), copy);
            }
        });
    }

    @Override
    public void putAll(Map<String, float[]> vectors) {
        long now = System.currentTimeMillis();
        List<byte[]> keys = new ArrayList<>(vectors.size());
        List<byte[]> values = new ArrayList<>(vectors.size());
        vectors.forEach((text, v) -> {
            keys.add(keyOf(text));
            values.add(encode(v, now));
        });
        write(txn -> {
            for (int i = 0; i < keys.size(); i++) {
                shared.dbi().put(txn, keys.get(i), values.get(i));
            }
        });
        if (shared.usedBytes() > maxBytes) {
            shared.evictOldest(0.25);
        }
    }

    private void write(java.util.function.Consumer<Txn<byte[]>> work) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (Txn<byte[]> txn = shared.env().txnWrite()) {
                work.accept(txn);
                txn.commit();
                return;
            } catch (Env.MapFullException e) {
                shared.evictOldest(0.5);
            } catch (LmdbException e) {
                LOG.warn("embedding cache {} could not be written ({}); the run goes on", shared.dir(), e.toString());
                return;
            }
        }
    }

    static byte[] encode(float[] v, long lastUsed) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + 4 * v.length);
        b.put(VERSION).putInt(0).putLong(lastUsed).putInt(v.length);
        for (float f : v) {
            b.putFloat(f);
        }
        byte[] bytes = b.array();
        CRC32C crc = new CRC32C();
        crc.update(bytes, 13, bytes.length - 13);
        ByteBuffer.wrap(bytes).putInt(1, (int) crc.getValue());
        return bytes;
    }

    /** The vector, or null when the entry is torn, corrupt or of another dimension. */
    static float[] decode(byte[] bytes, int dimension) {
        if (bytes.length != HEADER + 4 * dimension || bytes[0] != VERSION) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 13, bytes.length - 13);
        if (b.getInt(1) != (int) crc.getValue() || b.getInt(13) != dimension) {
            return null;
        }
        float[] v = new float[dimension];
        b.position(HEADER);
        b.asFloatBuffer().get(v);
        return v;
    }

    /** Bytes the entries take on disk (pages in use). */
    long usedBytes() {
        return shared.usedBytes();
    }

    @Override
    public void close() {
        shared.release();
    }

    /** One LMDB environment per directory in this process, reference-counted. */
    static final class SharedEnv {
        private static final Map<Path, SharedEnv> OPEN = new HashMap<>();
        private final Path dir;
        private final Env<byte[]> env;
        private final Dbi<byte[]> dbi;
        private int references;

        private SharedEnv(Path dir, long maxSizeMb) {
            this.dir = dir;
            File file = dir.toFile();
            // the map is address space, not disk: room for the bound plus what eviction frees lazily
            long mapSize = Math.max(64L, maxSizeMb * 2 + 64) * 1024 * 1024;
            this.env = Env.create(ByteArrayProxy.PROXY_BA).setMapSize(mapSize).setMaxDbs(1).setMaxReaders(512)
                    .open(file, EnvFlags.MDB_NOMETASYNC, EnvFlags.MDB_NOTLS);
            this.dbi = env.openDbi("vectors", DbiFlags.MDB_CREATE);
        }

        static synchronized SharedEnv open(Path dir, long maxSizeMb) {
            Path key;
            try {
                Files.createDirectories(dir);
                key = dir.toRealPath();
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the embedding cache directory " + dir + ": " + e, e);
            }
            SharedEnv s = OPEN.computeIfAbsent(key, k -> new SharedEnv(k, maxSizeMb));
            s.references++;
            return s;
        }

        synchronized void release() {
            synchronized (SharedEnv.class) {
                if (--references == 0) {
                    OPEN.remove(dir);
                    env.close();
                }
            }
        }

        Env<byte[]> env() {
            return env;
        }

        Dbi<byte[]> dbi() {
            return dbi;
        }

        Path dir() {
            return dir;
        }

        long usedBytes() {
            try (Txn<byte[]> txn = env.txnRead()) {
                Stat s = dbi.stat(txn);
                return (long) s.pageSize * (s.branchPages + s.leafPages + s.overflowPages);
            }
        }

        /** Deletes the {@code share} of entries used least recently. */
        synchronized void evictOldest(double share) {
            List<long[]> ages = new ArrayList<>();
            List<byte[]> keys = new ArrayList<>();
            try (Txn<byte[]> txn = env.txnRead(); CursorIterable<byte[]> it = dbi.iterate(txn, KeyRange.all())) {
                for (CursorIterable.KeyVal<byte[]> kv : it) {
                    byte[] v = kv.val();
                    long used = v.length >= HEADER ? ByteBuffer.wrap(v).getLong(5) : 0; // corrupt ones go first
                    ages.add(new long[] {used, keys.size()});
                    keys.add(kv.key());
                }
            }
            ages.sort((a, b) -> Long.compare(a[0], b[0]));
            int n = (int) Math.ceil(ages.size() * share);
            try (Txn<byte[]> txn = env.txnWrite()) {
                for (int i = 0; i < n; i++) {
                    dbi.delete(txn, keys.get((int) ages.get(i)[1]));
                }
                txn.commit();
            }
            LOG.info("embedding cache {}: evicted {} least recently used entries", dir, n);
        }
    }
}
