package dev.snapfusion.link;

import java.io.IOException;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Source;

/**
 * Feeds dadb's push: counts the bytes for progress (dadb's push has no callback) and fills each read
 * up to the byte count dadb asks for. dadb sends one sync DATA packet per read, asking for 64000
 * bytes, but an okio file source returns one 8 KiB segment per read; filling the read turns 8 KiB
 * packets into 64000-byte ones, as adb's own push sends, which roughly doubles throughput
 * (docs/benchmarks.md).
 */
final class CountingSource extends ForwardingSource {
    private final long total;
    private final TransferListener listener;
    private long done;

    CountingSource(Source delegate, long total, TransferListener listener) {
        super(delegate);
        this.total = total;
        this.listener = listener;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
        if (byteCount == 0) return 0;
        long got = 0;
        while (got < byteCount) {
            long n = super.read(sink, byteCount - got);
            if (n < 0) break;
            got += n;
        }
        if (got == 0) return -1;
        done += got;
        listener.onBytes(done, total);
        return got;
    }

    long done() {
        return done;
    }
}
