package dev.snapfusion.link;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link Device} that counts the round trips it makes, so tests can assert O(1) behaviour, and keeps the argv of each stream. */
final class CountingDevice implements Device {
    final Device inner;
    final AtomicInteger shells = new AtomicInteger();
    final AtomicInteger pushes = new AtomicInteger();
    final List<List<String>> streams = new java.util.concurrent.CopyOnWriteArrayList<>();

    CountingDevice(Device inner) {
        this.inner = inner;
    }

    @Override
    public String serial() {
        return inner.serial();
    }

    @Override
    public boolean isVirtual() {
        return inner.isVirtual();
    }

    @Override
    public ConnectionPath connectionPath() {
        return inner.connectionPath();
    }

    @Override
    public DeviceFacts facts() {
        return inner.facts();
    }

    @Override
    public ShellResult shell(List<String> argv) {
        shells.incrementAndGet();
        return inner.shell(argv);
    }

    @Override
    public void push(Path local, String remotePath, TransferListener listener) {
        pushes.incrementAndGet();
        inner.push(local, remotePath, listener);
    }

    @Override
    public void pushDirect(Path local, String remotePath, TransferListener listener) {
        pushes.incrementAndGet();
        inner.pushDirect(local, remotePath, listener);
    }

    @Override
    public void pushBytes(byte[] data, String remotePath) {
        pushes.incrementAndGet();
        inner.pushBytes(data, remotePath);
    }

    @Override
    public void pull(String remotePath, Path local) {
        inner.pull(remotePath, local);
    }

    @Override
    public RunningCommand stream(List<String> argv, LineListener stdoutLines, LineListener stderrLines) {
        streams.add(List.copyOf(argv));
        return inner.stream(argv, stdoutLines, stderrLines);
    }

    @Override
    public void close() {
        inner.close();
    }
}
