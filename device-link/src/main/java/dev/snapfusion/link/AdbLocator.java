package dev.snapfusion.link;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the adb binary: the configured path, then PATH, then the SDK's platform-tools. Stateless. */
final class AdbLocator {
    private AdbLocator() {
    }

    static Optional<Path> find(Optional<Path> configured, Map<String, String> env) {
        if (configured.isPresent()) {
            Path p = configured.get();
            if (!Files.isExecutable(p)) {
                throw new IllegalArgumentException("adb binary " + p + " does not exist or is not executable; "
                        + "fix the configured adb path or leave it empty to search PATH");
            }
            return configured;
        }
        return candidates(env).stream().filter(Files::isExecutable).findFirst();
    }

    static List<Path> candidates(Map<String, String> env) {
        String exe = System.getProperty("os.name", "").startsWith("Windows") ? "adb.exe" : "adb";
        List<Path> out = new ArrayList<>();
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) out.add(Path.of(dir, exe));
        }
        for (String var : List.of("ANDROID_HOME", "ANDROID_SDK_ROOT")) {
            String sdk = env.get(var);
            if (sdk != null && !sdk.isEmpty()) out.add(Path.of(sdk, "platform-tools", exe));
        }
        return out;
    }
}
