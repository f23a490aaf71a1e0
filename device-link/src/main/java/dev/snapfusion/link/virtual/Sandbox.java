package dev.snapfusion.link.virtual;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Maps device paths to host files. The device's "/" is the sandbox folder, and only /data/local/tmp and below is
 * served. Paths are normalized textually first ({@code ..} above "/" is refused), then the nearest existing host
 * ancestor is resolved with symlinks followed and must still be inside the sandbox's /data/local/tmp. (A race
 * with someone swapping in a symlink between the check and the use is out of scope: only our own host writes here.)
 * Thread-safe.
 */
final class Sandbox {
    static final String ALLOWED_ROOT = "/data/local/tmp";

    private final Path root;
    private final Path realAllowed;

    Sandbox(Path sandboxDir) throws IOException {
        this.root = sandboxDir.toAbsolutePath().normalize();
        Path allowed = root.resolve(ALLOWED_ROOT.substring(1));
        Files.createDirectories(allowed);
        this.realAllowed = allowed.toRealPath();
    }

    Path root() {
        return root;
    }

    /** Textual normalization of an absolute device path; throws for relative paths, NULs and escapes above "/". */
    static String normalize(String devicePath) throws SandboxException {
        if (devicePath == null || devicePath.isEmpty()) throw new SandboxException("empty path");
        if (devicePath.indexOf('\0') >= 0) throw new SandboxException("path contains NUL: " + devicePath.replace('\0', '?'));
        if (!devicePath.startsWith("/")) throw new SandboxException("path must be absolute: " + devicePath);
        Deque<String> parts = new ArrayDeque<>();
        for (String seg : devicePath.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) continue;
            if (seg.equals("..")) {
                if (parts.isEmpty()) throw new SandboxException("path escapes the root: " + devicePath);
                parts.removeLast();
            } else {
                parts.addLast(seg);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** The host file for a device path, or SandboxException naming the path when it is not allowed. */
    Path resolve(String devicePath) throws SandboxException {
        String norm = normalize(devicePath);
        if (!norm.equals(ALLOWED_ROOT) && !norm.startsWith(ALLOWED_ROOT + "/")) {
            throw new SandboxException("not allowed outside " + ALLOWED_ROOT + ": " + devicePath);
        }
        Path host = root.resolve(norm.substring(1));
        checkRealPath(host, devicePath);
        return host;
    }

    private void checkRealPath(Path host, String devicePath) throws SandboxException {
        for (Path p = host; p != null; p = p.getParent()) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) continue;
            Path real;
            try {
                real = p.toRealPath();
            } catch (IOException e) {
                throw new SandboxException("dangling symlink in path: " + devicePath);
            }
            if (!real.startsWith(realAllowed)) throw new SandboxException("symlink leads outside " + ALLOWED_ROOT + ": " + devicePath);
            return;
        }
        throw new SandboxException("sandbox folder is missing: " + root);
    }

    /** Read-only pseudo files outside the allowed tree (/proc/meminfo, /proc/cpuinfo), or null. */
    static byte[] pseudoFile(String devicePath) {
        String norm;
        try {
            norm = normalize(devicePath);
        } catch (SandboxException e) {
            return null;
        }
        return HostInfo.pseudoFile(norm);
    }

    /** Thrown for a device path the sandbox refuses; the message names the path. */
    static final class SandboxException extends Exception {
        SandboxException(String message) {
            super(message);
        }
    }
}
