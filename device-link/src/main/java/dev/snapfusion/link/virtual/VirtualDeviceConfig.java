package dev.snapfusion.link.virtual;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to start a {@link VirtualDevice}.
 *
 * @param sandboxDir      host folder that plays the device's "/" (only /data/local/tmp below it is served)
 * @param port            TCP port on 127.0.0.1, 0 to pick a free one
 * @param authorizedKeys  lines in adbkey.pub format; only hosts holding one of these keys get in
 * @param runnerClasspath host classpath the runner JVM is started with; null means this JVM's java.class.path
 */
public record VirtualDeviceConfig(Path sandboxDir, int port, List<String> authorizedKeys, String runnerClasspath) {
    public VirtualDeviceConfig {
        Objects.requireNonNull(sandboxDir, "sandboxDir");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        authorizedKeys = List.copyOf(Objects.requireNonNull(authorizedKeys, "authorizedKeys"));
        if (runnerClasspath == null || runnerClasspath.isEmpty()) runnerClasspath = System.getProperty("java.class.path");
    }

    public VirtualDeviceConfig(Path sandboxDir, int port, List<String> authorizedKeys) {
        this(sandboxDir, port, authorizedKeys, null);
    }
}
