package dev.snapfusion.studio.config;

import dev.snapfusion.bridge.convert.Quantization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a person sets on the Settings page, kept in {@code <workspace>/settings/studio.properties} by
 * {@link SettingsStore}. The workspace itself is not here: {@code --workspace} or the default chooses it.
 *
 * @param adbPath the adb binary; empty means look it up as before (PATH, then the Android SDK folders)
 * @param remoteServers other adb servers, "host:port" each, checked by {@link RemoteServers#check}
 * @param runnerThreads threads for the runner; 0 means the device's default (1 on the virtual device, 4 on a phone)
 * @param convertQuantization what the Convert page offers first
 */
public record StudioSettings(String adbPath, List<String> remoteServers, int runnerThreads, Theme theme,
                             Quantization convertQuantization) {
    public static final int MAX_RUNNER_THREADS = 64;
    public static final StudioSettings DEFAULTS = new StudioSettings("", List.of(), 0, Theme.LIGHT, Quantization.FP32);

    public StudioSettings {
        adbPath = adbPath == null ? "" : adbPath.strip();
        remoteServers = List.copyOf(remoteServers);
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(convertQuantization, "convertQuantization");
        if (runnerThreads < 0 || runnerThreads > MAX_RUNNER_THREADS) {
            throw new IllegalArgumentException("Runner threads " + runnerThreads + " is not from 0 (the device's default) to "
                    + MAX_RUNNER_THREADS);
        }
    }

    /** The adb binary to use, or empty to look it up. */
    public Optional<Path> adbBinary() {
        return adbPath.isEmpty() ? Optional.empty() : Optional.of(Path.of(adbPath));
    }

    public StudioSettings withAdbPath(String path) {
        return new StudioSettings(path, remoteServers, runnerThreads, theme, convertQuantization);
    }

    public StudioSettings withRemoteServers(List<String> servers) {
        return new StudioSettings(adbPath, servers, runnerThreads, theme, convertQuantization);
    }

    /** This list with {@code hostPort} added at the end (once). */
    public StudioSettings withRemoteServer(String hostPort) {
        if (remoteServers.contains(hostPort)) return this;
        List<String> next = new ArrayList<>(remoteServers);
        next.add(hostPort);
        return withRemoteServers(next);
    }

    public StudioSettings withoutRemoteServer(String hostPort) {
        List<String> next = new ArrayList<>(remoteServers);
        next.remove(hostPort);
        return withRemoteServers(next);
    }

    public StudioSettings withRunnerThreads(int threads) {
        return new StudioSettings(adbPath, remoteServers, threads, theme, convertQuantization);
    }

    public StudioSettings withTheme(Theme t) {
        return new StudioSettings(adbPath, remoteServers, runnerThreads, t, convertQuantization);
    }

    public StudioSettings withConvertQuantization(Quantization q) {
        return new StudioSettings(adbPath, remoteServers, runnerThreads, theme, q);
    }

    /** True when the device link must be reopened to follow {@code other}: another adb or other servers. */
    public boolean linkDiffers(StudioSettings other) {
        return !adbPath.equals(other.adbPath) || !remoteServers.equals(other.remoteServers);
    }
}
