package dev.snapfusion.studio.cli;

import dev.snapfusion.studio.common.Sizes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snapfusion.link.Device;
import dev.snapfusion.link.DeviceFacts;
import dev.snapfusion.link.DeviceStorage;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "ls", description = "Show a device's facts and the bundles and runs the studio keeps on it, with sizes.")
final class LsCommand implements Callable<Integer> {
    @ParentCommand
    StudioCli cli;

    @Option(names = "--device", required = true, description = "Device serial, or 'virtual'.")
    String device;

    @Option(names = "--json", description = "One JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (Device d = cli.studio().link().connect(device)) {
            DeviceFacts f = d.facts();
            List<DeviceStorage.Item> items = DeviceStorage.list(d);
            if (json) {
                ObjectMapper m = new ObjectMapper();
                ObjectNode root = m.createObjectNode();
                root.set("facts", m.valueToTree(f));
                root.set("items", m.valueToTree(items));
                System.out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(root));
                return 0;
            }
            System.out.println(describe(f));
            f.abiProblem().ifPresent(p -> System.out.println("warning: " + p));
            System.out.printf("%-7s %-40s %10s  %s%n", "KIND", "ID", "SIZE", "STATE");
            for (DeviceStorage.Item i : items) {
                System.out.printf("%-7s %-40s %10s  %s%n", i.kind().name().toLowerCase(), i.id(), mb(i.bytes()),
                        i.kind() == DeviceStorage.Kind.BUNDLE ? (i.complete() ? "verified" : "incomplete (push again or clean)") : "");
            }
            if (items.isEmpty()) System.out.println("(nothing on the device yet)");
            return 0;
        }
    }

    static String describe(DeviceFacts f) {
        return String.format("%s%n  board %s, ABIs %s, RAM %s, free in the work dir %s", f.description(),
                f.board().isEmpty() ? "?" : f.board(), f.abiList(), mb(f.totalRamBytes()), mb(f.workDirFreeBytes()));
    }

    static String mb(long bytes) {
        return bytes < 0 ? "?" : Sizes.bytes(bytes);
    }
}
