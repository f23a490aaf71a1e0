package dev.snapfusion.studio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.runner.RunnerVersion;
import dev.snapfusion.runner.tflite.TfliteRuntime;
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

    /** The TFLite build that produces this device's numbers: the desktop runtime on the virtual device, the AAR on phones. */
    static String runtime(DeviceInfo d) {
        return d.virtual() ? TfliteRuntime.named("desktop").describe() : RunnerVersion.phoneRuntime();
    }

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
                n.put("runtime", runtime(d));
            }
            System.out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
        } else {
            System.out.printf("%-24s %-14s %-22s %-36s %s%n", "SERIAL", "STATE", "SERVER", "RUNTIME", "MODEL");
            for (DeviceInfo d : devices) {
                String state = d.state().equals("unauthorized") ? "unauthorized (accept the RSA prompt on the phone)" : d.state();
                System.out.printf("%-24s %-14s %-22s %-36s %s%s%n", d.serial(), state, d.server(), runtime(d), d.model(),
                        d.virtual() ? " (virtual device, host CPU)" : "");
            }
        }
        cli.studio().linkWarnings().ifPresent(w -> System.err.println("note: " + w));
        return 0;
    }
}
