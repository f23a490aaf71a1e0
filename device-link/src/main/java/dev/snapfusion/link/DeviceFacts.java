package dev.snapfusion.link;

/**
 * What a device says about itself (getprop), plus a one-line description for people. For the virtual
 * device the description says its timings are the host CPU's.
 */
public record DeviceFacts(String model, String manufacturer, String board, String androidRelease, String sdk,
                          String abiList, String description) {
}
