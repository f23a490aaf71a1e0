package dev.snapfusion.runner.pipeline;

import java.io.BufferedReader;
import java.io.FileReader;
import java.io.IOException;

/** What the runner can tell about where it runs, without Android-only compile dependencies. */
final class DeviceInfo {
    private DeviceInfo() {
    }

    static String name() {
        try {
            Class<?> build = Class.forName("android.os.Build");
            return build.getField("MANUFACTURER").get(null) + " " + build.getField("MODEL").get(null);
        } catch (ReflectiveOperationException e) {
            return "host CPU (" + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores)";
        }
    }

    static String abi() {
        return dev.snapfusion.runner.Abi.ofThisJvm();
    }

    /** Resets this process's VmHWM to its current RSS; false where the kernel refuses. */
    static boolean resetPeakRss() {
        try (java.io.FileWriter w = new java.io.FileWriter("/proc/self/clear_refs")) {
            w.write("5");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** VmHWM of this process in kB, or -1 where /proc is not readable. */
    static long peakRssKb() {
        return procKb("/proc/self/status", "VmHWM:");
    }

    /** The kB figure on the line starting with {@code key} in a /proc file, or -1 where it cannot be read. */
    static long procKb(String file, String key) {
        try (BufferedReader r = new BufferedReader(new FileReader(file))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith(key)) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
