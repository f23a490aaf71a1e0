package dev.snapfusion.studio.generate;

import dev.snapfusion.link.RunOutcome;
import dev.snapfusion.runner.protocol.RunTimings;
import dev.snapfusion.runner.protocol.RunTimingsCodec;
import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.studio.job.GenerateSpec;
import dev.snapfusion.studio.services.StudioServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.scene.image.Image;

/**
 * One generation off the FX thread. The runner's events become the progress bar (steps), the status line
 * and the event log; Task coalesces progress and message updates onto the FX thread. The image is decoded and
 * timings.json read here too, so showing the run costs the FX thread no file access.
 */
final class RunTask extends Task<FinishedRun> {
    private final StudioServices services;
    private final GenerateSpec spec;
    private final Consumer<String> log;

    RunTask(StudioServices services, GenerateSpec spec, Consumer<String> log) {
        this.services = services;
        this.spec = spec;
        this.log = log;
    }

    @Override
    protected FinishedRun call() throws Exception {
        updateProgress(-1, 1);
        if (!Files.isRegularFile(spec.bundleDir().resolve("manifest.json"))) {
            throw new IllegalArgumentException(spec.bundleDir() + " is not a bundle (no manifest.json); make one on the "
                    + "Convert page.");
        }
        updateMessage("Pushing the bundle to " + spec.device() + " (files already there are skipped)…");
        RunOutcome o = services.generate(spec, (phase, fraction, detail) -> {
            updateMessage(phase + ": " + detail);
            if (fraction >= 0) updateProgress(Math.min(1, fraction), 1);
        }, this::onEvent);
        if (!o.success()) throw new IllegalStateException("the runner did not produce an image (exit code " + o.exitCode() + ")");
        Image image = o.image().map(p -> new Image(p.toUri().toString())).orElse(null);
        RunTimings timings = o.timings().map(RunTask::readTimings).orElse(null);
        updateProgress(1, 1);
        return new FinishedRun(o, image, timings);
    }

    private static RunTimings readTimings(Path file) {
        try {
            return RunTimingsCodec.parse(Files.readString(file));
        } catch (Exception e) {
            return null;
        }
    }

    private void onEvent(RunnerEvent e) {
        String line = describe(e);
        if (line == null) return;
        log.accept(line);
        if (e instanceof RunnerEvent.Step s) {
            updateProgress(s.index(), s.total());
            updateMessage(String.format(Locale.ROOT, "Step %d/%d: %.0f ms", s.index(), s.total(), s.ms()));
        } else if (!(e instanceof RunnerEvent.BlockTiming)) {
            updateMessage(line);
        }
    }

    /** One line per event for the log; null for events that would only add noise. */
    static String describe(RunnerEvent e) {
        if (e instanceof RunnerEvent.Hello h) {
            return "Runner " + h.runner() + " (" + h.tflite() + ") on " + h.device() + ", " + h.abi();
        }
        if (e instanceof RunnerEvent.Loaded l) {
            return String.format(Locale.ROOT, "Loaded %s in %.0f ms (%.1f MB)", l.component(), l.ms(), l.bytes() / 1e6);
        }
        if (e instanceof RunnerEvent.Phase p) return String.format(Locale.ROOT, "%s: %.0f ms", p.name(), p.ms());
        if (e instanceof RunnerEvent.Step s) {
            return String.format(Locale.ROOT, "Step %d/%d (t=%d): %.0f ms", s.index(), s.total(), s.timestep(), s.ms());
        }
        if (e instanceof RunnerEvent.Memory m) return String.format(Locale.ROOT, "Peak memory %.0f MB", m.peakKb() / 1024.0);
        if (e instanceof RunnerEvent.Done d) return String.format(Locale.ROOT, "Done in %.0f ms", d.totalMs());
        if (e instanceof RunnerEvent.Error err) return "Error " + err.code() + ": " + err.message();
        return null;
    }
}
