package dev.snapfusion.link.virtual;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The device side of "sync:" v1: STAT, LIST, SEND, RECV, QUIT. WRTE boundaries mean nothing here: the requests are
 * parsed from the stream's bytes. SEND writes to a temporary name in the target folder and renames on DONE, so a
 * broken push never leaves a half file under the real name.
 */
final class SyncService implements DeviceService {
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;

    private final Sandbox sandbox;

    SyncService(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public void serve(DeviceStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream.input());
        OutputStream out = new BufferedOutputStream(stream.output(), stream.maxData());
        serve(in, out);
    }

    void serve(DataInputStream in, OutputStream out) throws IOException {
        int[] h;
        while ((h = SyncProtocol.readHeader(in)) != null) {
            int id = h[0];
            if (id == SyncProtocol.QUIT) return;
            if (h[1] < 0 || h[1] > SyncProtocol.MAX_PATH) throw new AdbProtocolException("sync path length " + h[1]);
            byte[] p = new byte[h[1]];
            in.readFully(p);
            String path = new String(p, StandardCharsets.UTF_8);
            if (id == SyncProtocol.STAT) stat(path, out);
            else if (id == SyncProtocol.LIST) list(path, out);
            else if (id == SyncProtocol.SEND) send(path, in, out);
            else if (id == SyncProtocol.RECV) recv(path, out);
            else {
                SyncProtocol.writeFail(out, "unsupported sync command " + SyncProtocol.name(id));
                out.flush();
                throw new AdbProtocolException("unknown sync command " + SyncProtocol.name(id));
            }
            out.flush();
        }
    }

    private void stat(String path, OutputStream out) throws IOException {
        int[] s = {0, 0, 0};
        byte[] pseudo = Sandbox.pseudoFile(path);
        if (pseudo != null) {
            s = new int[] {S_IFREG | 0444, pseudo.length, 0};
        } else {
            try {
                s = statOf(sandbox.resolve(path));
            } catch (Sandbox.SandboxException | IOException e) {
                // a missing or forbidden path reads as all zeros, as adbd does for lstat failures
            }
        }
        SyncProtocol.writeWords(out, SyncProtocol.STAT, s[0], s[1], s[2]);
    }

    private static int[] statOf(Path f) throws IOException {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        int type = a.isDirectory() ? S_IFDIR : a.isSymbolicLink() ? S_IFLNK : S_IFREG;
        int perms = a.isDirectory() ? 0771 : 0666;
        try {
            perms = permBits(Files.getPosixFilePermissions(f));
        } catch (UnsupportedOperationException ignored) {
            // non-POSIX host file system: keep the defaults
        }
        return new int[] {type | perms, (int) a.size(), (int) a.lastModifiedTime().to(TimeUnit.SECONDS)};
    }

    private void list(String path, OutputStream out) throws IOException {
        try {
            Path dir = sandbox.resolve(path);
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path e : ds) entries.add(e);
            }
            entries.sort(null);
            for (Path e : entries) {
                int[] s;
                try {
                    s = statOf(e);
                } catch (IOException ex) {
                    continue;
                }
                byte[] name = e.getFileName().toString().getBytes(StandardCharsets.UTF_8);
                SyncProtocol.writeWords(out, SyncProtocol.DENT, s[0], s[1], s[2], name.length);
                out.write(name);
            }
        } catch (Sandbox.SandboxException | IOException e) {
            // an unreadable folder lists as empty, as adbd does
        }
        SyncProtocol.writeWords(out, SyncProtocol.DONE, 0, 0, 0, 0);
    }

    private void send(String spec, DataInputStream in, OutputStream out) throws IOException {
        int comma = spec.lastIndexOf(',');
        String path = comma < 0 ? spec : spec.substring(0, comma);
        String error = null;
        int mode = 0644;
        if (comma >= 0) {
            try {
                mode = Integer.parseInt(spec.substring(comma + 1));
            } catch (NumberFormatException e) {
                error = "bad mode in SEND: " + spec.substring(comma + 1);
            }
        }
        if (error == null && (mode & S_IFMT) == S_IFLNK) error = "symlinks cannot be pushed to the virtual device: " + path;
        Path target = null;
        Path temp = null;
        OutputStream file = null;
        if (error == null) {
            try {
                target = sandbox.resolve(path);
                if (Files.isDirectory(target)) throw new IOException("is a directory: " + path);
                Files.createDirectories(target.getParent());
                sandbox.resolve(path); // re-check now that the parents exist
                temp = target.resolveSibling("." + target.getFileName() + ".vdev-" + UUID.randomUUID());
                file = Files.newOutputStream(temp);
            } catch (Sandbox.SandboxException e) {
                error = e.getMessage();
            } catch (IOException e) {
                error = "cannot write " + path + ": " + e.getMessage();
            }
        }
        // The host streams DATA until DONE before it reads any answer, so keep reading even after a failure.
        int mtime;
        while (true) {
            int[] h = SyncProtocol.readHeader(in);
            if (h == null) {
                discard(file, temp);
                throw new AdbProtocolException("sync stream ended inside SEND of " + path);
            }
            if (h[0] == SyncProtocol.DONE) {
                mtime = h[1];
                break;
            }
            if (h[0] != SyncProtocol.DATA || h[1] < 0 || h[1] > SyncProtocol.MAX_DATA) {
                discard(file, temp);
                throw new AdbProtocolException("bad message in SEND: " + SyncProtocol.name(h[0]) + " length " + h[1]);
            }
            byte[] chunk = new byte[h[1]];
            in.readFully(chunk);
            if (file != null) {
                try {
                    file.write(chunk);
                } catch (IOException e) {
                    error = "cannot write " + path + ": " + e.getMessage();
                    discard(file, temp);
                    file = null;
                }
            }
        }
        if (error == null) {
            try {
                file.close();
                file = null;
                Files.setLastModifiedTime(temp, FileTime.from(Integer.toUnsignedLong(mtime), TimeUnit.SECONDS));
                setPermissions(temp, mode);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                error = "cannot write " + path + ": " + e.getMessage();
            }
        }
        discard(file, temp);
        if (error == null) SyncProtocol.writeWords(out, SyncProtocol.OKAY, 0);
        else SyncProtocol.writeFail(out, error);
    }

    private static void discard(OutputStream file, Path temp) {
        try {
            if (file != null) file.close();
        } catch (IOException ignored) {
            // removing it anyway
        }
        try {
            if (temp != null) Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }

    private void recv(String path, OutputStream out) throws IOException {
        byte[] pseudo = Sandbox.pseudoFile(path);
        InputStream file;
        try {
            if (pseudo != null) {
                file = new java.io.ByteArrayInputStream(pseudo);
            } else {
                Path f = sandbox.resolve(path);
                if (Files.isDirectory(f)) throw new IOException("is a directory");
                file = Files.newInputStream(f);
            }
        } catch (Sandbox.SandboxException e) {
            SyncProtocol.writeFail(out, e.getMessage());
            return;
        } catch (NoSuchFileException e) {
            SyncProtocol.writeFail(out, "No such file or directory: " + path);
            return;
        } catch (IOException e) {
            SyncProtocol.writeFail(out, "cannot read " + path + ": " + e.getMessage());
            return;
        }
        try (file) {
            byte[] buf = new byte[SyncProtocol.MAX_DATA];
            int n;
            while ((n = file.readNBytes(buf, 0, buf.length)) > 0) {
                SyncProtocol.writeWords(out, SyncProtocol.DATA, n);
                out.write(buf, 0, n);
            }
        }
        SyncProtocol.writeWords(out, SyncProtocol.DONE, 0);
    }

    private static void setPermissions(Path f, int mode) {
        try {
            Files.setPosixFilePermissions(f, permSet(mode | 0600)); // the shell user keeps access to its own files
        } catch (UnsupportedOperationException | IOException ignored) {
            // best effort, as on a FAT sdcard
        }
    }

    static int permBits(Set<PosixFilePermission> perms) {
        int bits = 0;
        for (PosixFilePermission p : perms) bits |= 0400 >> p.ordinal();
        return bits;
    }

    static Set<PosixFilePermission> permSet(int mode) {
        Set<PosixFilePermission> s = java.util.EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) if ((mode & (0400 >> p.ordinal())) != 0) s.add(p);
        return s;
    }

}
