package dev.snapfusion.link;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/** Local sha256 and the parsing of a device's {@code sha256sum} output. Stateless. */
final class Sha256 {
    private Sha256() {
    }

    static String of(byte[] data) {
        return HexFormat.of().formatHex(digest().digest(data));
    }

    static String of(Path file) {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Parses "hash  path" lines (coreutils and toybox both print two spaces; binary mode marks the
     * path with '*'). Missing files only show up on stderr, so they are simply absent from the map.
     */
    static Map<String, String> parseSums(String stdout) {
        Map<String, String> out = new HashMap<>();
        for (String line : stdout.split("\n")) {
            if (line.length() < 66) continue;
            String hash = line.substring(0, 64);
            if (!hash.matches("[0-9a-fA-F]{64}")) continue;
            String path = line.substring(64).stripLeading();
            if (path.endsWith("\r")) path = path.substring(0, path.length() - 1);
            if (path.startsWith("*")) path = path.substring(1);
            out.put(path, hash.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
