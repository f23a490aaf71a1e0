package dev.snapfusion.link.virtual;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;

/** A minimal ADB host for tests, built from the device's own packet reader and writer: every byte is under our control. */
final class RawAdbHost implements AutoCloseable {
    static final byte[] SHA1_DIGEST_INFO = HexFormat.of().parseHex("3021300906052b0e03021a05000414");

    final Socket socket;
    final AdbPacketReader reader;
    final AdbPacketWriter writer;
    int largestWrite;

    RawAdbHost(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        reader = new AdbPacketReader(socket.getInputStream(), 1 << 20);
        reader.version(AdbPacket.VERSION_MIN);
        writer = new AdbPacketWriter(socket.getOutputStream());
    }

    static KeyPair newKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static String pubLine(KeyPair k) {
        return AdbPublicKeys.encode((RSAPublicKey) k.getPublic(), "test@host");
    }

    /** What adb does with a token: PKCS#1 v1.5 over the SHA-1 DigestInfo prefix and the token as the "digest". */
    static byte[] sign(PrivateKey key, byte[] token) throws Exception {
        Signature s = Signature.getInstance("NONEwithRSA");
        s.initSign(key);
        s.update(SHA1_DIGEST_INFO);
        s.update(token);
        return s.sign();
    }

    void send(AdbPacket p) throws IOException {
        writer.write(p);
    }

    AdbPacket read() throws IOException {
        return reader.read();
    }

    /** CNXN, answer the token with this key, and return the device's CNXN. */
    AdbPacket connect(KeyPair key) throws Exception {
        send(AdbPacket.of(AdbPacket.CNXN, 0x01000001, 1 << 20, "host::features=shell_v2\0"));
        AdbPacket token = read();
        send(new AdbPacket(AdbPacket.AUTH, AdbPacket.AUTH_SIGNATURE, 0, sign(key.getPrivate(), token.data())));
        return read();
    }

    /** Opens a service, checks the OKAY, and returns the device's stream id. */
    int open(int localId, String service) throws IOException {
        send(AdbPacket.of(AdbPacket.OPEN, localId, 0, service + "\0"));
        AdbPacket p = read();
        if (p.command() != AdbPacket.OKAY || p.arg1() != localId) throw new IOException("OPEN " + service + " answered " + p);
        return p.arg0();
    }

    /** Collects WRTE data (acknowledging each) until the device closes the stream. */
    byte[] readUntilClose(int localId) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            AdbPacket p = read();
            if (p == null) throw new IOException("connection closed");
            if (p.command() == AdbPacket.CLSE && p.arg1() == localId) return out.toByteArray();
            if (p.command() == AdbPacket.WRTE && p.arg1() == localId) {
                largestWrite = Math.max(largestWrite, p.data().length);
                out.writeBytes(p.data());
                send(new AdbPacket(AdbPacket.OKAY, localId, p.arg0(), null));
            }
        }
    }

    /** Collects WRTE data (acknowledging each) until n bytes arrived. */
    byte[] readBytes(int localId, int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < n) {
            AdbPacket p = read();
            if (p == null) throw new IOException("connection closed");
            if (p.command() == AdbPacket.WRTE && p.arg1() == localId) {
                largestWrite = Math.max(largestWrite, p.data().length);
                out.writeBytes(p.data());
                send(new AdbPacket(AdbPacket.OKAY, localId, p.arg0(), null));
            }
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
