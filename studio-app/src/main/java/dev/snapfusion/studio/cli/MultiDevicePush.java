package dev.snapfusion.studio.cli;

import dev.snapfusion.link.Device;
import dev.snapfusion.link.LinkException;
import dev.snapfusion.link.MultiPush;
import dev.snapfusion.link.PushReport;
import dev.snapfusion.studio.job.Studio;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** `studio push BUNDLE --device a --device b`: one bundle to several devices at once, a progress line per device per 10%. */
final class MultiDevicePush {
    private MultiDevicePush() {
    }

    static int run(Studio studio, Path bundle, List<String> serials) {
        Studio.readManifest(bundle);
        List<Device> devices = new ArrayList<>();
        try {
            for (String s : new LinkedHashSet<>(serials)) devices.add(studio.link().connect(s));
            Map<String, Integer> decile = new ConcurrentHashMap<>();
            List<MultiPush.Result> results = new MultiPush(studio.pusher()).push(devices, bundle, (serial, p) -> {
                int d = (int) (p.totalFraction() * 10);
                Integer before = decile.put(serial, d);
                if (before == null || before != d) {
                    synchronized (System.err) {
                        System.err.printf("%-22s %3d%% %s %.0f MB/s ETA %ds%n", serial, d * 10, p.file(),
                                p.megabytesPerSecond(), p.eta().toSeconds());
                    }
                }
            });
            int failed = 0;
            for (MultiPush.Result r : results) {
                if (r.ok()) {
                    PushReport rep = r.report().get();
                    System.out.printf("%s: bundle %s at %s — pushed %d files (%.1f MB), skipped %d, %.1f s%n", r.serial(),
                            rep.bundleId(), rep.deviceDir(), rep.pushed().size(), rep.bytesPushed() / 1e6,
                            rep.skipped().size(), rep.seconds());
                } else {
                    failed++;
                    LinkException e = r.failure().get();
                    System.out.printf("%s: FAILED — %s%s%n", r.serial(), e.getMessage(), e.retryable() ? " (push again)" : "");
                }
            }
            return failed == 0 ? 0 : StudioCli.EXIT_FAILURE;
        } finally {
            devices.forEach(Device::close);
        }
    }
}
