package dev.snapfusion.runner;

import dev.snapfusion.runner.bundle.BundleFormatException;
import dev.snapfusion.runner.pipeline.Pipeline;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunRequestCodec;
import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.runner.protocol.RunnerEventWriter;
import dev.snapfusion.runner.protocol.RunnerProtocolException;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Entry point on the device: {@code CLASSPATH=runner.jar app_process / dev.snapfusion.runner.RunnerMain --request FILE}.
 * Reads the request file (user text never rides on the command line), runs the pipeline, prints
 * JSON-line events (docs/runner-protocol.md). Exit codes: 0 done, 2 bad request or bundle, 3 runtime failure.
 */
public final class RunnerMain {
    public static final String VERSION = RunnerVersion.VERSION;
    public static final int EXIT_OK = 0;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_FAILED = 3;

    private RunnerMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new RunnerEventWriter(System.out)));
    }

    public static int run(String[] args, RunnerEventWriter events) {
        if (args.length == 1 && args[0].equals("--version")) {
            System.out.println(VERSION);
            return EXIT_OK;
        }
        if (args.length != 2 || !args[0].equals("--request")) {
            events.write(new RunnerEvent.Error("usage", "usage: RunnerMain --request <device path of request.json>"));
            return EXIT_BAD_INPUT;
        }
        try {
            File f = DevicePaths.resolve(args[1]);
            if (!f.isFile()) throw new FileNotFoundException("request file " + args[1] + " does not exist");
            RunRequest req = RunRequestCodec.parse(new String(Files.readAllBytes(f.toPath()), StandardCharsets.UTF_8));
            new Pipeline(events).run(req);
            return EXIT_OK;
        } catch (BundleFormatException | RunnerProtocolException | FileNotFoundException | IllegalArgumentException e) {
            events.write(new RunnerEvent.Error("bad_input", e.getMessage()));
            return EXIT_BAD_INPUT;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            events.write(new RunnerEvent.Error("failed", e.getClass().getSimpleName() + ": " + e.getMessage()));
            e.printStackTrace(System.err);
            return EXIT_FAILED;
        }
    }
}
