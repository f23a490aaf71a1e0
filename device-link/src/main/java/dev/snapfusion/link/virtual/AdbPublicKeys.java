package dev.snapfusion.link.virtual;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * Reads and writes adb public keys ({@code ~/.android/adbkey.pub}): base64 of the Android RSA public key struct
 * (u32 word count, u32 n0inv, modulus and R^2 mod n as little-endian u32 words, u32 exponent), then an optional
 * {@code " user@host"} comment. Thread-safe (stateless).
 *
 * <pre>{@code
 * RSAPublicKey k = AdbPublicKeys.parse(Files.readString(home.resolve(".android/adbkey.pub")));
 * }</pre>
 */
public final class AdbPublicKeys {
    private static final BigInteger TWO_32 = BigInteger.ONE.shiftLeft(32);

    private AdbPublicKeys() {
    }

    /** Parses one line of adbkey.pub; throws IllegalArgumentException naming what is wrong. */
    public static RSAPublicKey parse(String adbPubLine) {
        if (adbPubLine == null || adbPubLine.isBlank()) throw new IllegalArgumentException("adb public key is empty");
        String b64 = adbPubLine.strip().split("\\s+", 2)[0];
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("adb public key is not base64: " + abbreviate(b64));
        }
        if (raw.length < 12) throw new IllegalArgumentException("adb public key is too short (" + raw.length + " bytes)");
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int words = b.getInt();
        if (words <= 0 || words > 1024 || raw.length != 4 * (3 + 2 * words)) {
            throw new IllegalArgumentException("adb public key has a bad length: " + words + " words in " + raw.length + " bytes");
        }
        b.getInt(); // n0inv: only needed by the device's Montgomery arithmetic
        BigInteger modulus = readWords(b, words);
        readWords(b, words); // rr
        long exponent = Integer.toUnsignedLong(b.getInt());
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, BigInteger.valueOf(exponent)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("adb public key is not a valid RSA key: " + e.getMessage());
        }
    }

    /** Encodes a key the way adb writes adbkey.pub; a null or empty comment leaves it out. */
    public static String encode(RSAPublicKey k, String comment) {
        BigInteger n = k.getModulus();
        int words = (n.bitLength() + 31) / 32;
        BigInteger n0inv = TWO_32.subtract(n.mod(TWO_32).modInverse(TWO_32)).mod(TWO_32);
        BigInteger rr = BigInteger.ONE.shiftLeft(64 * words).mod(n);
        ByteBuffer b = ByteBuffer.allocate(4 * (3 + 2 * words)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(words).putInt(n0inv.intValue());
        writeWords(b, n, words);
        writeWords(b, rr, words);
        b.putInt(k.getPublicExponent().intValue());
        String s = Base64.getEncoder().encodeToString(b.array());
        return comment == null || comment.isEmpty() ? s : s + " " + comment;
    }

    private static BigInteger readWords(ByteBuffer b, int words) {
        byte[] be = new byte[4 * words];
        for (int i = be.length - 1; i >= 0; i--) be[i] = b.get(); // little-endian words, least significant first
        return new BigInteger(1, be);
    }

    private static void writeWords(ByteBuffer b, BigInteger v, int words) {
        byte[] be = v.toByteArray();
        for (int i = 0; i < 4 * words; i++) {
            int j = be.length - 1 - i;
            b.put(j >= 0 ? be[j] : 0);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
