package dev.snapfusion.studio.cli;

import dev.snapfusion.link.Device;
import dev.snapfusion.link.DeviceStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "clean", description = "Delete bundles or runs from a device (see `studio ls`).")
final class CleanCommand implements Callable<Integer> {
    @ParentCommand
    StudioCli cli;

    @Option(names = "--device", required = true, description = "Device serial, or 'virtual'.")
    String device;

    @ArgGroup(exclusive = false, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--bundle", description = "A bundle id to delete (repeatable).")
        List<String> bundles = new ArrayList<>();

        @Option(names = "--run", description = "A run id to delete (repeatable).")
        List<String> runs = new ArrayList<>();

        @Option(names = "--runs", description = "Delete every run.")
        boolean allRuns;

        @Option(names = "--all", description = "Delete every bundle and run.")
        boolean all;

        @Option(names = "--orphans", description = "Delete every incomplete bundle (a push that was cut and never resumed: "
                + "no verified marker); pushing a bundle again also removes its partial files.")
        boolean orphans;
    }

    @Override
    public Integer call() {
        try (Device d = cli.studio().link().connect(device)) {
            List<String> bundles = new ArrayList<>(what.bundles);
            if (what.all) {
                DeviceStorage.list(d).stream().filter(i -> i.kind() == DeviceStorage.Kind.BUNDLE)
                        .forEach(i -> bundles.add(i.id()));
            } else if (what.orphans) {
                DeviceStorage.list(d).stream().filter(i -> i.kind() == DeviceStorage.Kind.BUNDLE && !i.complete())
                        .forEach(i -> bundles.add(i.id()));
                if (bundles.isEmpty()) System.out.println("no incomplete bundles on " + device);
            }
            for (String b : bundles) {
                DeviceStorage.deleteBundle(d, b);
                System.out.println("deleted bundle " + b);
            }
            for (String r : what.runs) {
                DeviceStorage.deleteRun(d, r);
                System.out.println("deleted run " + r);
            }
            if (what.allRuns || what.all) System.out.println("deleted " + DeviceStorage.deleteRuns(d) + " runs");
            return 0;
        }
    }
}
