package dev.snapfusion.runner;

import java.util.Map;
import java.util.Optional;

/** Android ABI names. One mapping for the runner, the host side and the virtual device. */
public final class Abi {
    /**
     * Each Android ABI's ELF {@code e_machine} and class (32 or 64 bits): what a native executable for it carries in
     * its ELF header (System V gABI; Android's ABI list, developer.android.com/ndk/guides/abis).
     */
    private static final Map<String, int[]> ELF = Map.of(
            "arm64-v8a", new int[] {ElfHeader.EM_AARCH64, 64},
            "armeabi-v7a", new int[] {ElfHeader.EM_ARM, 32},
            "x86_64", new int[] {ElfHeader.EM_X86_64, 64},
            "x86", new int[] {ElfHeader.EM_386, 32});

    private Abi() {
    }

    /** The ELF {@code e_machine} of this ABI's executables, e.g. arm64-v8a → 183; empty for a name that is not an Android ABI. */
    public static Optional<Integer> elfMachine(String abi) {
        return Optional.ofNullable(ELF.get(abi)).map(e -> e[0]);
    }

    /** The ABI whose executables carry this {@code e_machine} and class, e.g. (183, 64) → arm64-v8a. */
    public static Optional<String> ofElf(int machine, int bits) {
        return ELF.entrySet().stream().filter(e -> e.getValue()[0] == machine && e.getValue()[1] == bits)
                .map(Map.Entry::getKey).findFirst();
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
