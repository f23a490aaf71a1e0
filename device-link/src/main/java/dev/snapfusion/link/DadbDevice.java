package dev.snapfusion.link;

import dadb.AdbShellResponse;
import dadb.Dadb;
import dadb.SyncResult;
import dev.snapfusion.runner.DevicePaths;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import okio.Buffer;
import okio.Okio;
import okio.Sink;
import okio.Source;

/** {@link Device} over a dadb connection (through an adb server or direct). */
final class DadbDevice implements Device {
    private static final int FILE_MODE = 0644;

    private final Dadb dadb;
    private final String serial;
    private final boolean virtual;
    private final ConnectionPath path;
    /** Large-write sync straight to the adb server; null for direct connections (dadb pushes then). */
    private final ServerSync serverSync;
    /** Told when this device turns out to be gone, so device lists catch up (see DeviceWatch#refresh). */
    private final Runnable onGone;
    private volatile DeviceFacts facts;

    DadbDevice(Dadb dadb, String serial, boolean virtual, ConnectionPath path, ServerSync serverSync, Runnable onGone) {
        this.dadb = dadb;
        this.serial = serial;
        this.virtual = virtual;
        this.path = path;
        this.serverSync = serverSync;
        this.onGone = onGone;
    }

    private LinkException fail(IOException e, String what) {
        LinkException x = Failures.map(e, what, serial);
        if (x instanceof DeviceGoneException) onGone.run();
        return x;
    }

    @Override
    public String serial() {
        return serial;
    }

    @Override
    public boolean isVirtual() {
        return virtual;
    }

    @Override
    public ConnectionPath connectionPath() {
        return path;
    }

    @Override
    public DeviceFacts facts() {
        DeviceFacts f = facts;
        if (f == null) {
            ShellResult r = shell(List.of("getprop"));
            long ram = DeviceProps.memTotalBytes(shell(List.of("cat", "/proc/meminfo")).stdout());
            // df of a folder that does not exist fails on Android; the work dir is ours to create.
            shell(List.of("mkdir", "-p", DevicePaths.WORK_DIR));
            long free = DeviceProps.dfAvailableBytes(shell(List.of("df", "-k", DevicePaths.WORK_DIR)).stdout());
            f = DeviceProps.facts(DeviceProps.parse(r.stdout()), virtual, ram, free);
            facts = f;
        }
        return f;
    }

    @Override
    public ShellResult shell(List<String> argv) {
        String command = ShellQuoting.command(argv);
        try {
            AdbShellResponse r = dadb.shell(command);
            return new ShellResult(r.getExitCode(), r.getOutput(), r.getErrorOutput());
        } catch (IOException e) {
            throw fail(e, "shell '" + command + "'");
        }
    }

    @Override
    public void push(Path local, String remotePath, TransferListener listener) {
        pushDirect(local, remotePath + ".part", listener);
        rename(remotePath + ".part", remotePath);
    }

    @Override
    public void pushDirect(Path local, String remotePath, TransferListener listener) {
        long size;
        long mtimeMs;
        try {
            size = Files.size(local);
            mtimeMs = Files.getLastModifiedTime(local).toMillis();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + local + ": " + e.getMessage(), e);
        }
        try {
            if (serverSync != null) {
                serverSync.push(local, remotePath, FILE_MODE, mtimeMs / 1000, size, listener);
                return;
            }
            SyncResult r;
            try (Source src = new CountingSource(Okio.source(local.toFile()), size, listener)) {
                r = dadb.push(src, remotePath, FILE_MODE, mtimeMs);   // dadb takes milliseconds (it divides by 1000)
            }
            if (r instanceof SyncResult.Failure f) {
                throw new TransferException("device refused push to " + remotePath + ": " + f.getReason() + " (on "
                        + serial + ")", null, false);
            }
        } catch (IOException e) {
            throw fail(e, "push " + local + " to " + remotePath);
        }
    }

    @Override
    public void pushBytes(byte[] data, String remotePath) {
        try (Buffer src = new Buffer()) {
            src.write(data);
            pushAtomically(src, remotePath, System.currentTimeMillis());
        }
    }

    private void pushAtomically(Source src, String remotePath, long mtimeMs) {
        String part = remotePath + ".part";
        SyncResult r;
        try {
            r = dadb.push(src, part, FILE_MODE, mtimeMs);   // milliseconds: seconds here gave the device a 1970 mtime
        } catch (IOException e) {
            throw fail(e, "push to " + part);
        }
        if (r instanceof SyncResult.Failure f) {
            throw new TransferException("device refused push to " + part + ": " + f.getReason() + " (on " + serial + ")",
                    null, false);
        }
        rename(part, remotePath);
    }

    private void rename(String part, String remotePath) {
        ShellResult mv = shell(List.of("mv", part, remotePath));
        if (!mv.ok()) {
            throw new TransferException("cannot rename " + part + " to " + remotePath + " on " + serial + ": "
                    + mv.stderr().trim(), null, false);
        }
    }

    @Override
    public void pull(String remotePath, Path local) {
        Path dir = local.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, local.getFileName().toString(), ".part");
            SyncResult r;
            try (Sink sink = Okio.sink(tmp.toFile())) {
                r = dadb.pull(sink, remotePath);
            }
            if (r instanceof SyncResult.Failure f) {
                throw new TransferException("cannot pull " + remotePath + " from " + serial + ": " + f.getReason(), null,
                        false);
            }
            moveAtomically(tmp, local);
            tmp = null;
        } catch (IOException e) {
            throw fail(e, "pull " + remotePath);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a stale .part beside the target is harmless
                }
            }
        }
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public RunningCommand stream(List<String> argv, LineListener stdoutLines, LineListener stderrLines) {
        String command = ShellQuoting.command(argv);
        try {
            return ShellStreamCommand.start(dadb.openShell(command), serial, command, stdoutLines, stderrLines);
        } catch (IOException e) {
            throw fail(e, "start '" + command + "'");
        }
    }

    @Override
    public void close() {
        try {
            dadb.close();
        } catch (Exception ignored) {
            // closing a connection that already broke has nothing left to report
        }
    }

    @Override
    public String toString() {
        return serial + (virtual ? " (virtual)" : "") + " via " + path;
    }
}
