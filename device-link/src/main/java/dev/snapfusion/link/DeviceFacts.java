package dev.snapfusion.link;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a device says about itself: getprop, /proc/meminfo and df of the work dir, plus a one-line
 * description for people. For the virtual device the description says its timings are the host CPU's.
 *
 * @param abiList ro.product.cpu.abilist, comma separated
 * @param totalRamBytes MemTotal from /proc/meminfo; -1 when the device did not say
 * @param workDirFreeBytes free space where bundles go ({@code df -k} of the work dir); -1 when unknown
 * @param virtual whether this is the virtual device (its runner runs on the host's ABI)
 */
public record DeviceFacts(String model, String manufacturer, String board, String androidRelease, String sdk,
                          String abiList, String description, long totalRamBytes, long workDirFreeBytes,
                          boolean virtual) {
    /** The ABI the runner's native TFLite library is built for on phones. */
    public static final String RUNNER_ABI = "arm64-v8a";

    public List<String> abis() {
        return Arrays.stream(abiList.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The ABI the runner needs here: {@link #RUNNER_ABI} on phones, the host's on the virtual device. */
    public String requiredAbi() {
        return virtual ? DeviceProps.hostAbi() : RUNNER_ABI;
    }

    /** Empty when the runner can run here; otherwise a message saying why not, naming the ABIs. */
    public Optional<String> abiProblem() {
        if (abis().contains(requiredAbi())) return Optional.empty();
        return Optional.of((model.isEmpty() ? "this device" : model) + " reports ABIs ["
                + String.join(", ", abis()) + "] but the runner needs " + requiredAbi()
                + (virtual ? " (the host's ABI)" : "; use a 64-bit ARM phone"));
    }
}
