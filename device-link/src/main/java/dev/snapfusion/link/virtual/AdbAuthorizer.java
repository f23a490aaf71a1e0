package dev.snapfusion.link.virtual;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;

/**
 * Checks AUTH SIGNATURE packets. adb signs the 20-byte token as if it were a SHA-1 digest (RSA PKCS#1 v1.5 with the
 * SHA-1 DigestInfo prefix), so a signature is good when it decrypts to that prefix followed by the token. Thread-safe.
 */
final class AdbAuthorizer {
    private static final byte[] SHA1_DIGEST_INFO = HexFormat.of().parseHex("3021300906052b0e03021a05000414");

    private final List<RSAPublicKey> keys;

    AdbAuthorizer(List<RSAPublicKey> keys) {
        this.keys = List.copyOf(keys);
    }

    static AdbAuthorizer fromLines(List<String> adbPubLines) {
        return new AdbAuthorizer(adbPubLines.stream().filter(l -> !l.isBlank()).map(AdbPublicKeys::parse).toList());
    }

    boolean verify(byte[] token, byte[] signature) {
        byte[] expected = new byte[SHA1_DIGEST_INFO.length + token.length];
        System.arraycopy(SHA1_DIGEST_INFO, 0, expected, 0, SHA1_DIGEST_INFO.length);
        System.arraycopy(token, 0, expected, SHA1_DIGEST_INFO.length, token.length);
        for (RSAPublicKey k : keys) {
            try {
                Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
                c.init(Cipher.DECRYPT_MODE, k);
                if (MessageDigest.isEqual(expected, c.doFinal(signature))) return true;
            } catch (GeneralSecurityException e) {
                // not signed by this key (wrong size or padding): try the next one
            }
        }
        return false;
    }
}
