package dev.snapfusion.studio.config;

import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.studio.common.StudioError;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Reads and writes {@link StudioSettings} as {@code <workspace>/settings/studio.properties}.
 * <pre>{@code
 * SettingsStore store = SettingsStore.in(workspace.root());
 * StudioSettings s = store.load();                  // defaults when the file is missing or unreadable
 * store.save(s.withRemoteServer("127.0.0.1:5038"));
 * }</pre>
 * A missing file gives the defaults. A file that cannot be read, or a value that does not parse, keeps the default for
 * what it could not read and logs a warning that names the file, the key and the text: a hand-edited typo never stops
 * the studio. Saving writes a temporary file beside it, forces it to disk and moves it into place, so a crash leaves the
 * old file or the new one, never half of one. Thread-safe.
 */
public final class SettingsStore {
    static final String ADB_PATH = "adb.path";
    static final String REMOTE_SERVERS = "adb.remote-servers";
    static final String RUNNER_THREADS = "runner.threads";
    static final String THEME = "ui.theme";
    static final String CONVERT_QUANTIZATION = "convert.quantization";
    private static final Logger LOG = Logger.getLogger(SettingsStore.class.getName());

    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    /** The store of a workspace: {@code <root>/settings/studio.properties}. */
    public static SettingsStore in(Path workspaceRoot) {
        return new SettingsStore(workspaceRoot.resolve("settings").resolve("studio.properties"));
    }

    public Path file() {
        return file;
    }

    public synchronized StudioSettings load() {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return StudioSettings.DEFAULTS;
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a malformed \\uXXXX escape; MalformedInputException: not UTF-8 text.
            LOG.warning("settings " + file + " cannot be read (" + e + "); using the defaults");
            return StudioSettings.DEFAULTS;
        }
        StudioSettings d = StudioSettings.DEFAULTS;
        return new StudioSettings(p.getProperty(ADB_PATH, d.adbPath()), servers(p.getProperty(REMOTE_SERVERS, "")),
                threads(p.getProperty(RUNNER_THREADS)), theme(p.getProperty(THEME)), quantization(p.getProperty(CONVERT_QUANTIZATION)));
    }

    public synchronized void save(StudioSettings s) {
        Properties p = new Properties();
        p.setProperty(ADB_PATH, s.adbPath());
        p.setProperty(REMOTE_SERVERS, String.join(",", s.remoteServers()));
        p.setProperty(RUNNER_THREADS, Integer.toString(s.runnerThreads()));
        p.setProperty(THEME, s.theme().key());
        p.setProperty(CONVERT_QUANTIZATION, s.convertQuantization().cliName());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
                 Writer w = java.nio.channels.Channels.newWriter(ch, StandardCharsets.UTF_8)) {
                p.store(w, "SnapFusion Studio settings (the Settings page writes this file; docs/workbench.md)");
                w.flush();
                ch.force(true);
            }
            move(tmp, file);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the save already failed; that error is the one to report
            }
            throw new StudioError("Cannot save the settings to " + file + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private List<String> servers(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split(",")) {
            if (s.isBlank()) continue;
            try {
                String hostPort = RemoteServers.check(s);
                if (!out.contains(hostPort)) out.add(hostPort);
            } catch (IllegalArgumentException e) {
                warn(REMOTE_SERVERS, s, e.getMessage() + " It is left out");
            }
        }
        return out;
    }

    private int threads(String text) {
        if (text == null) return StudioSettings.DEFAULTS.runnerThreads();
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 0 && n <= StudioSettings.MAX_RUNNER_THREADS) return n;
        } catch (NumberFormatException e) {
            // falls through to the warning
        }
        warn(RUNNER_THREADS, text, "not a whole number from 0 to " + StudioSettings.MAX_RUNNER_THREADS + "; using the device's default");
        return StudioSettings.DEFAULTS.runnerThreads();
    }

    private Theme theme(String text) {
        if (text == null) return StudioSettings.DEFAULTS.theme();
        try {
            return Theme.parse(text);
        } catch (IllegalArgumentException e) {
            warn(THEME, text, "neither light nor dark; using light");
            return StudioSettings.DEFAULTS.theme();
        }
    }

    private Quantization quantization(String text) {
        if (text == null) return StudioSettings.DEFAULTS.convertQuantization();
        try {
            return Quantization.parse(text);
        } catch (IllegalArgumentException e) {
            warn(CONVERT_QUANTIZATION, text, "not fp32, fp16, int8-dynamic or int8-weight; using fp32");
            return StudioSettings.DEFAULTS.convertQuantization();
        }
    }

    private void warn(String key, String text, String what) {
        LOG.warning("settings " + file + ": " + key + "=“" + text + "”: " + what);
    }
}
