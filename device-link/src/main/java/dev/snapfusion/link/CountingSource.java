package dev.snapfusion.link;

import java.io.IOException;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Source;

/** Counts the bytes dadb reads while pushing, because dadb's push has no progress callback. */
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
        long n = super.read(sink, byteCount);
        if (n > 0) {
            done += n;
            listener.onBytes(done, total);
        }
        return n;
    }

    long done() {
        return done;
    }
}
