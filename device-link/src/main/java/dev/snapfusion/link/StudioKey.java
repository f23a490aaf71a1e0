package dev.snapfusion.link;

import dadb.AdbKeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The studio's own adb key pair, <workspace>/adbkey and adbkey.pub, created on first use. */
final class StudioKey {
    private final Path privateKey;
    private final Path publicKey;

    StudioKey(Path workspace) {
        this.privateKey = workspace.resolve("adbkey");
        this.publicKey = workspace.resolve("adbkey.pub");
    }

    synchronized AdbKeyPair loadOrCreate() {
        try {
            if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
                Files.createDirectories(privateKey.getParent());
                AdbKeyPair.generate(privateKey.toFile(), publicKey.toFile());
            }
            return AdbKeyPair.read(privateKey.toFile(), publicKey.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the studio's adb key in " + privateKey.getParent() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The adbkey.pub line, e.g. for a device's authorized keys. */
    String publicKeyLine() {
        loadOrCreate();
        return readLine(publicKey).orElseThrow();
    }

    static Optional<String> readLine(Path pub) {
        try {
            if (!Files.isRegularFile(pub)) return Optional.empty();
            String s = Files.readString(pub).trim();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
