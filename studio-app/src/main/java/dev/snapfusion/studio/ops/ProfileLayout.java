package dev.snapfusion.studio.ops;

/** How a profile's tables were printed (docs/op-profiles.md). */
public enum ProfileLayout {
    /** Tab-separated columns with a {@code [start]} column (TFLite up to about 2.12). */
    TEXT_WITH_START("text-start"),
    /** Columns without {@code [start]}, tab-separated or padded with spaces (newer TFLite). */
    TEXT("text"),
    /** {@code --profiling_output_csv_file} of a TFLite that still had the start column. */
    CSV_WITH_START("csv-start"),
    /** {@code --profiling_output_csv_file} of a newer TFLite. */
    CSV("csv");

    private final String wireName;

    ProfileLayout(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static ProfileLayout of(boolean csv, boolean start) {
        if (csv) return start ? CSV_WITH_START : CSV;
        return start ? TEXT_WITH_START : TEXT;
    }
}
