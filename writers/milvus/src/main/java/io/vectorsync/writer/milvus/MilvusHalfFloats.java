package io.vectorsync.writer.milvus;

/** float → IEEE half (float16) and bfloat16, little-endian, as Milvus stores Float16Vector/BFloat16Vector. */
final class MilvusHalfFloats {
    private MilvusHalfFloats() {
    }

    static byte[] toFloat16(float[] f) {
        byte[] out = new byte[f.length * 2];
        for (int i = 0; i < f.length; i++) {
            short h = floatToHalf(f[i]);
            out[2 * i] = (byte) h;
            out[2 * i + 1] = (byte) (h >> 8);
        }
        return out;
    }

    static byte[] toBFloat16(float[] f) {
        byte[] out = new byte[f.length * 2];
        for (int i = 0; i < f.length; i++) {
            int bits = Float.floatToRawIntBits(f[i]);
            int rounded = bits + 0x7FFF + ((bits >> 16) & 1); // round to nearest even
            short b = (short) (rounded >>> 16);
            out[2 * i] = (byte) b;
            out[2 * i + 1] = (byte) (b >> 8);
        }
        return out;
    }

    /** Round-to-nearest-even conversion (same algorithm as Java 20's Float.floatToFloat16). */
    static short floatToHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        short sign = (short) ((bits >>> 16) & 0x8000);
        float abs = Math.abs(f);
        if (Float.isNaN(f)) {
            return (short) (sign | 0x7e00);
        }
        if (abs >= 0x1.ffcp15f + 0x0.002p15f) { // overflow to infinity
            return (short) (sign | 0x7c00);
        }
        if (abs <= 0x1.0p-24f * 0.5f) {
            return sign;
        }
        int exp = Math.getExponent(abs);
        int expDelta = 0;
        int msb = 0x0000_0000;
        if (exp < -14) {
            expDelta = -14 - exp;
            exp = -15;
            msb = 0x0080_0000;
        }
        int fBits = Float.floatToRawIntBits(abs);
        int significand = msb | (fBits & 0x007f_ffff);
        int signifBits = significand >> (13 + expDelta);
        int lsb = significand & (1 << (13 + expDelta));
        int round = significand & (1 << (12 + expDelta));
        int sticky = significand & ((1 << (12 + expDelta)) - 1);
        if (round != 0 && ((lsb | sticky) != 0)) {
            signifBits++;
        }
        return (short) (sign | (((exp + 15) << 10) + signifBits));
    }
}
