package dev.snapfusion.studio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snapfusion.link.DeviceInfo;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "devices", description = "List attached phones (every adb server) and the virtual device.")
final class DevicesCommand implements Callable<Integer> {
    @ParentCommand
    StudioCli cli;

    @Option(names = "--json", description = "One JSON array on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<DeviceInfo> devices = cli.studio().devices();
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ArrayNode arr = m.createArrayNode();
            for (DeviceInfo d : devices) {
                ObjectNode n = arr.addObject();
                n.put("server", d.server());
                n.put("serial", d.serial());
                n.put("state", d.state());
                n.put("model", d.model());
                n.put("product", d.product());
                n.put("virtual", d.virtual());
            }
            System.out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
        } else {
            System.out.printf("%-24s %-14s %-22s %s%n", "SERIAL", "STATE", "SERVER", "MODEL");
            for (DeviceInfo d : devices) {
                String state = d.state().equals("unauthorized") ? "unauthorized (accept the RSA prompt on the phone)" : d.state();
                System.out.printf("%-24s %-14s %-22s %s%s%n", d.serial(), state, d.server(), d.model(),
                        d.virtual() ? " (virtual device, host CPU)" : "");
            }
        }
        cli.studio().linkWarnings().ifPresent(w -> System.err.println("note: " + w));
        return 0;
    }
}
