package dev.snapfusion.runner;

/** Android ABI names. One mapping for the runner, the host side and the virtual device. */
public final class Abi {
    private Abi() {
    }

    /** The ABI of this JVM's CPU as Android spells it: amd64 → x86_64, aarch64 → arm64-v8a. */
    public static String ofThisJvm() {
        String arch = System.getProperty("os.arch", "");
        switch (arch) {
            case "amd64":
            case "x86_64":
                return "x86_64";
            case "aarch64":
            case "arm64":
                return "arm64-v8a";
            case "x86":
            case "i386":
            case "i686":
                return "x86";
            default:
                return arch;
        }
    }
}
