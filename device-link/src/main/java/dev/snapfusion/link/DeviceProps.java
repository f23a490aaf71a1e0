package dev.snapfusion.link;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses `getprop` output ("[key]: [value]" lines), /proc/meminfo and `df -k` into {@link DeviceFacts}.
 * Stateless.
 */
final class DeviceProps {
    static final Map<String, String> KEYS = Map.of(
            "model", "ro.product.model",
            "manufacturer", "ro.product.manufacturer",
            "board", "ro.product.board",
            "release", "ro.build.version.release",
            "sdk", "ro.build.version.sdk",
            "abilist", "ro.product.cpu.abilist");
    /** ro.product.name of the virtual device (dev.snapfusion.link.virtual.HostInfo). */
    static final String VIRTUAL_PRODUCT = "snapfusion_virtual";
    private static final Pattern LINE = Pattern.compile("^\\[(.+?)]: \\[(.*)]$");
    private static final Pattern MEM_TOTAL = Pattern.compile("(?m)^MemTotal:\\s+(\\d+)\\s*kB");

    private DeviceProps() {
    }

    static Map<String, String> parse(String getprop) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : getprop.split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** MemTotal in bytes, or -1. */
    static long memTotalBytes(String meminfo) {
        Matcher m = MEM_TOTAL.matcher(meminfo);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    }

    /**
     * "Available" of the last line of {@code df -k PATH}, in bytes, or -1. The column is taken third from
     * the end (Available, Use%, Mounted on), so a long filesystem name that wraps does not matter.
     */
    static long dfAvailableBytes(String df) {
        String[] lines = df.strip().split("\n");
        if (lines.length < 2) return -1;
        String[] cols = lines[lines.length - 1].strip().split("\\s+");
        if (cols.length < 4) return -1;
        try {
            return Long.parseLong(cols[cols.length - 3]) * 1024;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The ABI name of this JVM's CPU, as Android spells it (the virtual device reports this one). */
    static String hostAbi() {
        return dev.snapfusion.runner.Abi.ofThisJvm();
    }

    static DeviceFacts facts(Map<String, String> props, boolean virtual) {
        return facts(props, virtual, -1, -1);
    }

    /**
     * @param connectedAsVirtual reached as the link's own virtual device; a virtual device reached as a
     *     plain server device (e.g. one on a farm host) is recognised by its product name
     */
    static DeviceFacts facts(Map<String, String> props, boolean connectedAsVirtual, long ramBytes, long freeBytes) {
        boolean virtual = connectedAsVirtual || VIRTUAL_PRODUCT.equals(props.get("ro.product.name"));
        String model = props.getOrDefault(KEYS.get("model"), "");
        String maker = props.getOrDefault(KEYS.get("manufacturer"), "");
        String release = props.getOrDefault(KEYS.get("release"), "");
        String sdk = props.getOrDefault(KEYS.get("sdk"), "");
        String description = virtual
                ? "virtual device on the host CPU (" + System.getProperty("os.arch") + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores); timings are the host's, not a phone's"
                : (maker + " " + model).trim() + ", Android " + release + " (SDK " + sdk + ")";
        return new DeviceFacts(model, maker, props.getOrDefault(KEYS.get("board"), ""), release, sdk,
                props.getOrDefault(KEYS.get("abilist"), ""), description, ramBytes, freeBytes, virtual);
    }
}
