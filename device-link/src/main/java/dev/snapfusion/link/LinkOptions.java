package dev.snapfusion.link;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the studio keeps its state and which adb servers it talks to.
 *
 * @param workspace studio folder (its adb key, the virtual device's sandbox), e.g. ~/.snapfusion-studio
 * @param adbServerPort port of the local adb server (adb's default is 5037)
 * @param adbBinary adb to use; empty means search PATH, then ANDROID_HOME / ANDROID_SDK_ROOT platform-tools
 * @param remoteServers other adb servers as "host:port" (an ssh tunnel in practice)
 * @param androidUserDir the folder holding the local adb server's adbkey.pub (adb's ~/.android); the
 *     virtual device authorizes that key so the server can connect to it
 */
public record LinkOptions(Path workspace, int adbServerPort, Optional<Path> adbBinary, List<String> remoteServers,
                          Path androidUserDir) {
    public static final int DEFAULT_ADB_PORT = 5037;

    public LinkOptions {
        if (adbServerPort < 1 || adbServerPort > 65535) {
            throw new IllegalArgumentException("adb server port must be 1..65535, got " + adbServerPort);
        }
        remoteServers = List.copyOf(remoteServers);
        for (String s : remoteServers) HostPort.parse(s);
    }

    public LinkOptions(Path workspace, int adbServerPort, Optional<Path> adbBinary, List<String> remoteServers) {
        this(workspace, adbServerPort, adbBinary, remoteServers, defaultAndroidUserDir(System.getenv()));
    }

    /** Where adb keeps adbkey: $ANDROID_USER_HOME, else $ANDROID_SDK_HOME/.android, else $HOME/.android. */
    static Path defaultAndroidUserDir(java.util.Map<String, String> env) {
        String userHome = env.get("ANDROID_USER_HOME");
        if (userHome != null && !userHome.isEmpty()) return Path.of(userHome);
        String sdkHome = env.get("ANDROID_SDK_HOME");
        if (sdkHome != null && !sdkHome.isEmpty()) return Path.of(sdkHome, ".android");
        String home = env.get("HOME");
        return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"), ".android");
    }

    /** ~/.snapfusion-studio, port 5037, adb from PATH, no remote servers. */
    public static LinkOptions defaults() {
        return new LinkOptions(Path.of(System.getProperty("user.home"), ".snapfusion-studio"), DEFAULT_ADB_PORT,
                Optional.empty(), List.of());
    }
}
