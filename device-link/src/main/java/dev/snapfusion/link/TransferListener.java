package dev.snapfusion.link;

/** Byte progress of one push or pull. Called on the transferring thread; keep it quick. */
@FunctionalInterface
public interface TransferListener {
    TransferListener NONE = (done, total) -> { };

    void onBytes(long bytesDone, long bytesTotal);
}
