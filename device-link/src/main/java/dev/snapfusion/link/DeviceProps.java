package dev.snapfusion.link;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses `getprop` output ("[key]: [value]" lines) into {@link DeviceFacts}. Stateless. */
final class DeviceProps {
    static final Map<String, String> KEYS = Map.of(
            "model", "ro.product.model",
            "manufacturer", "ro.product.manufacturer",
            "board", "ro.product.board",
            "release", "ro.build.version.release",
            "sdk", "ro.build.version.sdk",
            "abilist", "ro.product.cpu.abilist");
    private static final Pattern LINE = Pattern.compile("^\\[(.+?)]: \\[(.*)]$");

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

    static DeviceFacts facts(Map<String, String> props, boolean virtual) {
        String model = props.getOrDefault(KEYS.get("model"), "");
        String maker = props.getOrDefault(KEYS.get("manufacturer"), "");
        String release = props.getOrDefault(KEYS.get("release"), "");
        String sdk = props.getOrDefault(KEYS.get("sdk"), "");
        String description = virtual
                ? "virtual device on the host CPU (" + System.getProperty("os.arch") + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores); timings are the host's, not a phone's"
                : (maker + " " + model).trim() + ", Android " + release + " (SDK " + sdk + ")";
        return new DeviceFacts(model, maker, props.getOrDefault(KEYS.get("board"), ""), release, sdk,
                props.getOrDefault(KEYS.get("abilist"), ""), description);
    }
}
