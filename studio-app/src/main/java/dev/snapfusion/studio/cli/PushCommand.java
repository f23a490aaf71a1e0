package dev.snapfusion.studio.cli;

import dev.snapfusion.link.PushListener;
import dev.snapfusion.link.PushProgress;
import dev.snapfusion.link.PushReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "push", description = "Push a bundle to a device; files already there and verified are skipped.")
final class PushCommand implements Callable<Integer> {
    @ParentCommand
    StudioCli cli;

    @Parameters(index = "0", description = "Bundle folder (has manifest.json).")
    Path bundle;

    @Option(names = "--device", required = true, description = "Device serial, or 'virtual'; repeat to push to several at once.")
    List<String> devices;

    @Override
    public Integer call() {
        if (devices.size() > 1) return MultiDevicePush.run(cli.studio(), bundle, devices);
        String device = devices.get(0);
        ConsoleProgress progress = new ConsoleProgress(System.err);
        PushReport r = cli.studio().push(bundle, device, new PushListener() {
            @Override
            public void onProgress(PushProgress p) {
                progress.update("Pushing", p.totalBytes() == 0 ? 1 : (double) p.totalBytesDone() / p.totalBytes(),
                        String.format("%s %.0f%% (ETA %ds) · bundle %.1f/%.1f MB %.0f MB/s ETA %ds", p.file(),
                                100 * p.fileFraction(), p.fileEta().toSeconds(), p.totalBytesDone() / 1e6,
                                p.totalBytes() / 1e6, p.megabytesPerSecond(), p.eta().toSeconds()));
            }
        });
        progress.finish();
        System.out.printf("bundle %s on %s: %s — pushed %d files (%.1f MB), skipped %d (%.1f MB), %.1f s, %.0f MB/s%n",
                r.bundleId(), device, r.deviceDir(), r.pushed().size(), r.bytesPushed() / 1e6, r.skipped().size(),
                r.bytesSkipped() / 1e6, r.seconds(), r.megabytesPerSecond());
        return 0;
    }
}
