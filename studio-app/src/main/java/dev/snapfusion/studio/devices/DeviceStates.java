package dev.snapfusion.studio.devices;

import dev.snapfusion.link.DeviceInfo;
import java.util.Locale;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** How a device's adb state reads to a person: an icon, a word, what to do about it, and a style class. */
final class DeviceStates {
    private DeviceStates() {
    }

    /** One word or two for the table's first line. */
    static String title(DeviceInfo d) {
        switch (d.state()) {
            case "device": return "Online";
            case "unauthorized": return "Unauthorized";
            case "offline": return "Offline";
            case "available": return d.virtual() ? "Not started" : "Available";
            default: return d.state();
        }
    }

    /** What to do about the state, for the table's second line; empty when nothing is needed. */
    static String hint(DeviceInfo d) {
        switch (d.state()) {
            case "device": return d.virtual() ? "Running on this computer's CPU" : "";
            case "unauthorized": return "Accept the RSA prompt on the phone";
            case "offline": return "Replug the cable or restart adb on the phone";
            case "available": return d.virtual() ? "Start it to run bundles on this computer" : "";
            default: return "";
        }
    }

    static String label(DeviceInfo d) {
        switch (d.state()) {
            case "device": return "Online";
            case "unauthorized": return "Unauthorized: accept the RSA prompt on the phone";
            case "offline": return "Offline: replug the cable or restart adb on the phone";
            case "available": return d.virtual() ? "Not started" : "Available";
            default: return d.state();
        }
    }

    static Ikon icon(DeviceInfo d) {
        switch (d.state()) {
            case "device": return MaterialDesignC.CHECK_CIRCLE;
            case "unauthorized": return MaterialDesignS.SHIELD_KEY;
            case "offline": return MaterialDesignL.LAN_DISCONNECT;
            case "available": return MaterialDesignP.PLAY_CIRCLE_OUTLINE;
            default: return MaterialDesignH.HELP_CIRCLE_OUTLINE;
        }
    }

    /** Style class "state-device", "state-unauthorized", ... so the CSS colours the icon. */
    static String styleClass(DeviceInfo d) {
        return "state-" + d.state().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    static Ikon kindIcon(DeviceInfo d) {
        return d.virtual() ? MaterialDesignL.LAPTOP : MaterialDesignC.CELLPHONE;
    }

    /** The name people know a device by: the model when the server knows it, else the serial. */
    static String name(DeviceInfo d) {
        if (d.virtual()) return "Virtual device";
        String model = d.model() == null ? "" : d.model().replace('_', ' ');
        // adb hides the model of an unauthorized phone; the serial is on the line below anyway.
        return model.isBlank() ? "Phone" : model;
    }

    /** Devices are keyed by (server, serial): the same serial may be on two servers. */
    static boolean sameDevice(DeviceInfo a, DeviceInfo b) {
        return a != null && b != null && a.server().equals(b.server()) && a.serial().equals(b.serial());
    }

    /** A serial as a node id part ("127.0.0.1:5555" → "127-0-0-1-5555"): ids must be valid CSS selectors. */
    static String idPart(String serial) {
        return serial.replaceAll("[^A-Za-z0-9_-]", "-");
    }
}
