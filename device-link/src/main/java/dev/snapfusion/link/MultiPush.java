package dev.snapfusion.link;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pushes one bundle to several devices at once, one thread per device, with progress per device.
 * <pre>{@code
 * List<MultiPush.Result> rs = new MultiPush(pusher).push(List.of(a, b), bundle,
 *         (serial, p) -> System.out.printf("%s %.0f%%%n", serial, 100 * p.totalFraction()));
 * }</pre>
 * One device failing does not stop the others; each gets its own {@link Result}. Thread-safe.
 */
public final class MultiPush {
    /** Progress of one device's push; called on that device's pushing thread. */
    @FunctionalInterface
    public interface Listener {
        void onProgress(String serial, PushProgress progress);
    }

    /** How one device's push ended: a report, or the failure's message. */
    public record Result(String serial, Optional<PushReport> report, Optional<LinkException> failure) {
        public boolean ok() {
            return report.isPresent();
        }
    }

    private final BundlePusher pusher;

    public MultiPush(BundlePusher pusher) {
        this.pusher = pusher;
    }

    /**
     * Returns one result per device, in the order given, once every push has ended. A bad bundle (a
     * user mistake, such as a model the phone's TFLite cannot load) is thrown as IllegalArgumentException before
     * any push starts, as for a single push.
     */
    public List<Result> push(List<Device> devices, Path bundleDir, Listener listener) {
        pusher.check(bundleDir);   // a bad bundle is refused once, before any device gets a byte
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, devices.size()), r -> {
            Thread t = new Thread(r, "push");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<PushReport>> futures = new ArrayList<>();
            for (Device d : devices) {
                futures.add(pool.submit(() -> pusher.push(d, bundleDir, p -> listener.onProgress(d.serial(), p))));
            }
            List<Result> out = new ArrayList<>();
            for (int i = 0; i < devices.size(); i++) {
                String serial = devices.get(i).serial();
                try {
                    out.add(new Result(serial, Optional.of(futures.get(i).get()), Optional.empty()));
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof LinkException le) out.add(new Result(serial, Optional.empty(), Optional.of(le)));
                    else if (c instanceof RuntimeException re) throw re;
                    else throw new IllegalStateException(c);
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException("interrupted while pushing " + bundleDir, e, true);
        } finally {
            pool.shutdownNow();
        }
    }
}
