package dev.snapfusion.link.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dadb.AdbKeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdbPublicKeysTest {
    @TempDir
    Path tmp;

    @Test
    void encode_dadbGeneratedKey_sameTextAsDadbWrote() throws Exception {
        AdbKeyPair.generate(tmp.resolve("k").toFile(), tmp.resolve("k.pub").toFile());
        String line = Files.readString(tmp.resolve("k.pub")).strip();
        String[] parts = line.split(" ", 2);
        RSAPublicKey key = AdbPublicKeys.parse(line);
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);
        assertThat(AdbPublicKeys.encode(key, parts.length > 1 ? parts[1] : null)).isEqualTo(line);
    }

    @Test
    void parse_encodedJavaKey_sameModulusAndExponent() throws Exception {
        KeyPair kp = RawAdbHost.newKey();
        RSAPublicKey pub = (RSAPublicKey) kp.getPublic();
        String line = AdbPublicKeys.encode(pub, "me@box");
        assertThat(line).endsWith(" me@box");
        assertThat(Base64.getDecoder().decode(line.split(" ")[0])).hasSize(4 * (3 + 2 * 64));
        RSAPublicKey back = AdbPublicKeys.parse(line);
        assertThat(back.getModulus()).isEqualTo(pub.getModulus());
        assertThat(back.getPublicExponent()).isEqualTo(pub.getPublicExponent());
        assertThat(AdbPublicKeys.encode(back, "")).isEqualTo(line.split(" ")[0]);
    }

    @Test
    void parse_malformed_namesProblem() {
        assertThatThrownBy(() -> AdbPublicKeys.parse("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> AdbPublicKeys.parse("!!!notbase64 user@host")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> AdbPublicKeys.parse(Base64.getEncoder().encodeToString(new byte[40]))).hasMessageContaining("bad length");
    }

    @Test
    void authorizer_signatureByListedKey_acceptedOthersNot() throws Exception {
        KeyPair good = RawAdbHost.newKey();
        KeyPair bad = RawAdbHost.newKey();
        AdbAuthorizer auth = AdbAuthorizer.fromLines(List.of(RawAdbHost.pubLine(good), "  "));
        byte[] token = new byte[20];
        new java.security.SecureRandom().nextBytes(token);
        assertThat(auth.verify(token, RawAdbHost.sign(good.getPrivate(), token))).isTrue();
        assertThat(auth.verify(token, RawAdbHost.sign(bad.getPrivate(), token))).isFalse();
        byte[] other = token.clone();
        other[0] ^= 1;
        assertThat(auth.verify(other, RawAdbHost.sign(good.getPrivate(), token))).isFalse();
        assertThat(auth.verify(token, new byte[256])).isFalse();
        assertThat(auth.verify(token, new byte[3])).isFalse();
    }
}
