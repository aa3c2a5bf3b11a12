package io.vectorsync.writer.hologres;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Encodes rows in PostgreSQL's binary COPY format ({@code COPY … FROM STDIN (FORMAT binary)}), which Hologres
 * also reads. float4[] is written as a one-dimensional array: ndim 1, no nulls, element oid 700, length,
 * lower bound 1, then a 4-byte length and the float per element.
 */
final class HoloCopyEncoder {
    /** Column types the encoder writes; a table with any other written column uses INSERT. */
    static final Set<String> SUPPORTED = Set.of("bool", "int2", "int4", "int8", "float4", "float8", "text",
            "varchar", "bpchar", "json", "jsonb", "bytea", "date", "timestamp", "timestamptz", "_float4", "_float8");
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    private static final LocalDate PG_EPOCH = LocalDate.of(2000, 1, 1);
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int FLOAT4_OID = 700;
    private static final int FLOAT8_OID = 701;

    private final List<HoloColumn> columns;
    private byte[] buf = new byte[1 << 16];
    private int pos;

    HoloCopyEncoder(List<HoloColumn> columns) {
        this.columns = List.copyOf(columns);
    }

    static boolean supports(List<HoloColumn> columns) {
        return columns.stream().allMatch(c -> SUPPORTED.contains(c.typeName()));
    }

    /** Starts a new COPY payload. */
    void reset() {
        pos = 0;
        put(HEADER);
    }

    /** Appends one row of normalized values (see {@link HoloValues}), in column order. */
    void row(Object[] values) {
        ensure(2);
        putShort(values.length);
        for (int i = 0; i < values.length; i++) {
            field(values[i], columns.get(i).typeName());
        }
    }

    /** Ends the payload; returns the number of valid bytes in {@link #bytes()}. */
    int finish() {
        ensure(2);
        putShort(-1);
        return pos;
    }

    byte[] bytes() {
        return buf;
    }

    private void field(Object v, String type) {
        if (v == null) {
            ensure(4);
            putInt(-1);
            return;
        }
        switch (type) {
            case "bool" -> {
                ensure(5);
                putInt(1);
                buf[pos++] = (byte) (((Boolean) v) ? 1 : 0);
            }
            case "int2" -> {
                ensure(6);
                putInt(2);
                putShort(((Long) v).intValue());
            }
            case "int4" -> {
                ensure(8);
                putInt(4);
                putInt(((Long) v).intValue());
            }
            case "int8" -> {
                ensure(12);
                putInt(8);
                putLong((Long) v);
            }
            case "float4" -> {
                ensure(8);
                putInt(4);
                putInt(Float.floatToRawIntBits(((Double) v).floatValue()));
            }
            case "float8" -> {
                ensure(12);
                putInt(8);
                putLong(Double.doubleToRawLongBits((Double) v));
            }
            case "date" -> {
                ensure(8);
                putInt(4);
                putInt((int) ChronoUnit.DAYS.between(PG_EPOCH, (LocalDate) v));
            }
            case "timestamp", "timestamptz" -> {
                Instant i = (Instant) v;
                ensure(12);
                putInt(8);
                putLong(i.getEpochSecond() * 1_000_000L + i.getNano() / 1000 - PG_EPOCH_MICROS);
            }
            case "bytea" -> bytes((byte[]) v, false);
            case "jsonb" -> bytes(((String) v).getBytes(StandardCharsets.UTF_8), true);
            case "_float4" -> floatArray((float[]) v, false);
            case "_float8" -> floatArray((float[]) v, true);
            default -> bytes(((String) v).getBytes(StandardCharsets.UTF_8), false);
        }
    }

    private void bytes(byte[] b, boolean jsonbVersion) {
        int len = b.length + (jsonbVersion ? 1 : 0);
        ensure(4 + len);
        putInt(len);
        if (jsonbVersion) {
            buf[pos++] = 1;
        }
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private void floatArray(float[] f, boolean doubles) {
        int elem = doubles ? 8 : 4;
        int len = 20 + f.length * (4 + elem);
        ensure(4 + len);
        putInt(len);
        putInt(1); // ndim
        putInt(0); // has nulls
        putInt(doubles ? FLOAT8_OID : FLOAT4_OID);
        putInt(f.length);
        putInt(1); // lower bound
        for (float x : f) {
            putInt(elem);
            if (doubles) {
                putLong(Double.doubleToRawLongBits(x));
            } else {
                putInt(Float.floatToRawIntBits(x));
            }
        }
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    private void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private void putShort(int v) {
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void putInt(int v) {
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }
}
