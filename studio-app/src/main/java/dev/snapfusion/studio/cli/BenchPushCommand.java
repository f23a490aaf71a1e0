package dev.snapfusion.studio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snapfusion.link.Device;
import dev.snapfusion.link.DeviceLink;
import dev.snapfusion.link.PushBenchmark;
import dev.snapfusion.studio.common.StudioError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "push", description = "Push throughput of the studio against `adb push` of the same file to the same "
        + "device through the same adb server, in the same run.")
final class BenchPushCommand implements Callable<Integer> {
    @ParentCommand
    BenchCommand bench;

    @Option(names = "--device", defaultValue = "virtual", description = "Device serial (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--size-mb", defaultValue = "256", description = "Size of the test file in MB (default: ${DEFAULT-VALUE}).")
    int sizeMb;

    @Option(names = "--rounds", defaultValue = "5", description = "Timed rounds of each (default: ${DEFAULT-VALUE}); the best counts.")
    int rounds;

    @Option(names = "--json", description = "Print one JSON object {\"studio_mb_s\", \"adb_mb_s\", \"ratio\"}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (sizeMb < 1 || rounds < 1) throw new IllegalArgumentException("--size-mb and --rounds must be at least 1");
        DeviceLink link = bench.cli.studio().link();
        Path dir = Files.createTempDirectory("studio-bench-push");
        Path file = dir.resolve("bench.bin");
        try (Device d = link.connect(device)) {
            List<String> adb = link.adbCommand(d).orElseThrow(() -> new StudioError("bench push compares with the adb CLI "
                    + "through the same server, but " + device + " is not reached through an adb server with an adb binary "
                    + "(" + link.localServerProblem() + ")"));
            PushBenchmark.makeFile(file, sizeMb * 1_000_000L);
            if (!json) System.err.printf("pushing %d MB to %s, %d rounds each, alternating…%n", sizeMb, device, rounds);
            PushBenchmark.Result r = PushBenchmark.run(d, adb, file, rounds);
            if (json) {
                ObjectMapper m = new ObjectMapper();
                ObjectNode n = m.createObjectNode();
                n.put("studio_mb_s", round(r.studioMbS()));
                n.put("adb_mb_s", round(r.adbMbS()));
                n.put("ratio", Math.round(r.ratio() * 1000) / 1000.0);
                System.out.println(m.writeValueAsString(n));
            } else {
                System.out.printf("studio push: %.1f MB/s (rounds %s)%n", r.studioMbS(), fmt(r.studioRounds()));
                System.out.printf("adb push:    %.1f MB/s (rounds %s)%n", r.adbMbS(), fmt(r.adbRounds()));
                System.out.printf("ratio:       %.3f best/best (goal ≥ 0.95), %.3f median/median%n", r.ratio(),
                        r.medianRatio());
            }
            return 0;
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String fmt(List<Double> rounds) {
        return rounds.stream().map(v -> String.format("%.0f", v)).toList().toString();
    }
}
