package dev.snapfusion.bridge.tflite;

/** IEEE 754 binary16 conversion with round-to-nearest-even (Java 17 has no Float.floatToFloat16). */
public final class Half {
    private Half() {
    }

    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int abs = bits & 0x7fffffff;
        // Fast path, results in the normal half range [2^-14, 65504]: rebias and round to nearest even in one add.
        if (abs >= 0x38800000 && abs < 0x477fe000) {
            return (short) (((bits >>> 16) & 0x8000) | ((abs - 0x38000000 + 0xfff + ((abs >>> 13) & 1)) >>> 13));
        }
        return general(bits);
    }

    /** Every case (subnormals, overflow, NaN), field by field. */
    static short general(int bits) {
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
        int e = exp - 127 + 15;
        if (e >= 0x1f) return (short) (sign | 0x7c00);
        if (e <= 0) {
            if (e < -10) return (short) sign;
            mant |= 0x800000;
            int shift = 14 - e;
            int half = mant >> shift;
            int rem = mant & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) != 0)) half++;
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) half++;
        return (short) (sign | half);
    }

    /** Encodes {@code src} as little-endian halves into {@code dst} (2 bytes each), on all cores for big arrays. */
    public static void encode(float[] src, byte[] dst) {
        encode(src, 0, java.nio.ByteBuffer.wrap(dst).order(java.nio.ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * Encodes {@code dst.remaining() / 2} values of {@code src} from index {@code from} into {@code dst}'s
     * remaining bytes (in dst's byte order), splitting big pieces across cores; dst's position is unchanged.
     */
    public static void encode(float[] src, int from, java.nio.ByteBuffer dst) {
        int n = dst.remaining() / 2;
        int chunk = 1 << 16;
        java.util.stream.IntStream chunks = java.util.stream.IntStream.range(0, (n + chunk - 1) / chunk);
        int base = dst.position();
        java.nio.ByteOrder order = dst.order();
        (n > 4 * chunk ? chunks.parallel() : chunks).forEach(c -> {
            int s = c * chunk, e = Math.min(n, s + chunk);
            java.nio.ByteBuffer out = dst.slice(base + 2 * s, 2 * (e - s)).order(order);   // one view per task
            for (int i = s; i < e; i++) out.putShort(2 * (i - s), fromFloat(src[from + i]));
        });
    }

    public static float toFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0) {
            if (mant == 0) return Float.intBitsToFloat(sign);
            float v = mant / 1024f * (float) Math.pow(2, -14);
            return sign != 0 ? -v : v;
        }
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
