package dev.snapfusion.link.virtual;

/** Maps an OPEN service name (AOSP SERVICES.TXT) to what serves it; anything not listed is refused. */
final class DeviceServices {
    private DeviceServices() {
    }

    /** Returns null for a service the virtual device does not offer. */
    static DeviceService forName(String name, DeviceContext context) {
        if (name.equals("sync:")) return new SyncService(context.sandbox());
        if (name.startsWith("exec:")) return new ShellService(context, name.substring(5), false);
        if (name.startsWith("shell:") || name.startsWith("shell,")) {
            int colon = name.indexOf(':');
            if (colon < 0) return null;
            String command = name.substring(colon + 1);
            boolean v2 = false;
            for (String arg : name.substring(5, colon).split(",")) {
                if (arg.equals("v2")) v2 = true;
            }
            if (command.isBlank()) return null; // no interactive shell
            return new ShellService(context, command, v2);
        }
        return null;
    }
}
