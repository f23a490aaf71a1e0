package dev.snapfusion.link;

import java.nio.file.Path;
import java.util.List;

/**
 * One connected device: a phone behind an adb server, or the virtual device. Got from
 * {@link DeviceLink#connect(String)}.
 * <pre>{@code
 * try (DeviceLink link = DeviceLink.open(LinkOptions.defaults());
 *      Device phone = link.connect("virtual")) {
 *     ShellResult r = phone.shell(List.of("ls", DevicePaths.BUNDLES_DIR));
 *     phone.pushBytes(json, DevicePaths.RUNS_DIR + "/r1/request.json");
 * }
 * }</pre>
 * Thread-safe: each call opens its own adb stream, so calls may run in parallel from several threads.
 * Commands take argv tokens that the studio controls; each token is quoted for the device shell.
 * User text (prompts) must go into files with {@link #pushBytes}, never onto a command line.
 */
public interface Device extends AutoCloseable {
    String serial();

    boolean isVirtual();

    /** Whether this device is reached through an adb server or directly. */
    ConnectionPath connectionPath();

    /** Facts from getprop, /proc/meminfo and df of the work dir; read once and cached. */
    DeviceFacts facts();

    /** Runs a command to completion and returns its exit code and output (shell v2). */
    ShellResult shell(List<String> argv);

    /**
     * Pushes a file: first to {@code remotePath + ".part"}, then renamed into place, so a reader never
     * sees half a file.
     */
    void push(Path local, String remotePath, TransferListener listener);

    /**
     * Pushes a file straight to {@code remotePath}, as {@code adb push} does: an unplug may leave part of
     * it there. For callers that push to a temporary name themselves and rename after verifying
     * ({@link BundlePusher}).
     */
    void pushDirect(Path local, String remotePath, TransferListener listener);

    /** Pushes bytes (e.g. request.json) atomically, like {@link #push}. */
    void pushBytes(byte[] data, String remotePath);

    /** Pulls a file to a temp file beside {@code local}, then moves it into place atomically. */
    void pull(String remotePath, Path local);

    /** Starts a command and delivers its stdout and stderr line by line as they come. */
    RunningCommand stream(List<String> argv, LineListener stdoutLines, LineListener stderrLines);

    /** Closes this device's connection (not the virtual device itself; {@link DeviceLink#close()} does that). */
    @Override
    void close();
}
