package dev.snapfusion.runner;

import dev.snapfusion.runner.protocol.RunnerEvent;
import dev.snapfusion.runner.protocol.RunnerEventWriter;

/**
 * Entry point on the device: {@code CLASSPATH=runner.jar app_process / dev.snapfusion.runner.RunnerMain --request FILE}.
 * Reads the request file, runs the pipeline, prints JSON-line events (docs/runner-protocol.md).
 * Exit codes: 0 done, 2 bad request or bundle, 3 runtime failure.
 */
public final class RunnerMain {
    public static final String VERSION = "0.1.0";

    private RunnerMain() {
    }

    public static void main(String[] args) {
        RunnerEventWriter events = new RunnerEventWriter(System.out);
        if (args.length == 1 && args[0].equals("--version")) {
            System.out.println(VERSION);
            System.exit(0);
        }
        if (args.length != 2 || !args[0].equals("--request")) {
            events.write(new RunnerEvent.Error("usage", "usage: RunnerMain --request <device path of request.json>"));
            System.exit(2);
        }
        events.write(new RunnerEvent.Error("not_implemented", "pipeline not wired yet"));
        System.exit(3);
    }
}
