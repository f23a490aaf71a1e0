package dev.snapfusion.link.virtual;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** What the virtual device says about itself: system properties and the fixed /proc files, derived from the host. */
final class HostInfo {
    private HostInfo() {
    }

    static String abi() {
        return dev.snapfusion.runner.Abi.ofThisJvm();
    }

    /** getprop's view; ro.kernel.qemu is deliberately absent so the device is not mistaken for an emulator. */
    static Map<String, String> properties() {
        Map<String, String> p = new TreeMap<>();
        p.put("ro.product.model", "SnapFusion Virtual Device (host CPU)");
        p.put("ro.product.manufacturer", "SnapFusion");
        p.put("ro.product.name", "snapfusion_virtual");
        p.put("ro.product.device", "virtual");
        p.put("ro.product.board", "host-cpu");
        p.put("ro.hardware", "virtual");
        p.put("ro.build.version.release", "14");
        p.put("ro.build.version.sdk", "34");
        p.put("ro.product.cpu.abi", abi());
        p.put("ro.product.cpu.abilist", abi());
        return p;
    }

    static byte[] pseudoFile(String normalizedPath) {
        return switch (normalizedPath) {
            case "/proc/meminfo" -> meminfo().getBytes(StandardCharsets.US_ASCII);
            case "/proc/cpuinfo" -> cpuinfo().getBytes(StandardCharsets.US_ASCII);
            default -> null;
        };
    }

    private static String meminfo() {
        long total = 0;
        long free = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            total = os.getTotalMemorySize() / 1024;
            free = os.getFreeMemorySize() / 1024;
        }
        return String.format("MemTotal:       %d kB%nMemFree:        %d kB%nMemAvailable:   %d kB%n", total, free, free);
    }

    private static String cpuinfo() {
        StringBuilder sb = new StringBuilder();
        int n = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < n; i++) {
            sb.append("processor\t: ").append(i).append('\n');
            sb.append("model name\t: host CPU (").append(System.getProperty("os.arch")).append(")\n\n");
        }
        return sb.toString();
    }
}
