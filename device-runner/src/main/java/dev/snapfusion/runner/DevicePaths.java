package dev.snapfusion.runner;

import java.io.File;

/**
 * Where things live on the device, and how a device path maps to a real file. On a phone the
 * mapping is the identity. The virtual device runs the runner on the host with the environment
 * variable {@code SNAPFUSION_SYSROOT} set to its sandbox folder, and every absolute device path is
 * resolved under it, as a chroot would.
 */
public final class DevicePaths {
    /** The work dir on a phone: world-writable for the shell user, survives reboots. */
    public static final String WORK_DIR = "/data/local/tmp/snapfusion";
    public static final String BUNDLES_DIR = WORK_DIR + "/bundles";
    public static final String RUNS_DIR = WORK_DIR + "/runs";
    public static final String RUNNER_DIR = WORK_DIR + "/runner";
    /** Native tools the studio pushes for the user, one folder per content hash (TFLite's benchmark_model). */
    public static final String TOOLS_DIR = WORK_DIR + "/tools";
    public static final String SYSROOT_ENV = "SNAPFUSION_SYSROOT";

    private DevicePaths() {
    }

    public static File resolve(String devicePath) {
        String root = System.getenv(SYSROOT_ENV);
        if (root == null || root.isEmpty()) return new File(devicePath);
        if (!devicePath.startsWith("/")) throw new IllegalArgumentException("device path must be absolute: " + devicePath);
        return new File(root, devicePath.substring(1));
    }
}
