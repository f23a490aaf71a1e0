package dev.snapfusion.link;

/** Hears about a bundle push. Called on the pushing thread; keep it quick (e.g. post to the UI thread). */
public interface PushListener {
    PushListener NONE = new PushListener() {
        @Override
        public void onProgress(PushProgress p) {
        }
    };

    void onProgress(PushProgress p);

    /** A file already on the device with the right sha256. */
    default void onSkipped(String file, long bytes) {
    }

    /** A file whose device copy was verified and renamed into place. */
    default void onVerified(String file) {
    }
}
