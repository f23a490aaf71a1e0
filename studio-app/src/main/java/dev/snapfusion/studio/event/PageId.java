package dev.snapfusion.studio.event;

/** The workbench's pages, in sidebar order. */
public enum PageId {
    DEVICES("Devices"),
    CONVERT("Convert"),
    MODELS("Models"),
    GENERATE("Generate"),
    HISTORY("History"),
    COMPARE("Compare"),
    EVOLVE("Evolve"),
    SETTINGS("Settings");

    private final String title;

    PageId(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
