package dev.snapfusion.studio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.snapfusion.studio.runs.RunEntry;
import dev.snapfusion.studio.runs.RunEntryCodec;
import dev.snapfusion.studio.runs.RunFilter;
import dev.snapfusion.studio.runs.RunIndex;
import dev.snapfusion.studio.runs.RunListing;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "List the runs in the workspace's history, newest first: every run the workbench, "
        + "`studio generate` or the demo made, wherever its folder is.", subcommands = RunsDeleteCommand.class)
final class RunsCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int PROMPT_WIDTH = 48;

    @ParentCommand
    StudioCli cli;

    @Option(names = "--json", description = "A JSON array of runs on stdout.")
    boolean json;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Only runs whose prompt contains TEXT (any case).")
    String prompt;

    @Option(names = "--device", paramLabel = "ID", description = "Only runs on this device (serial or part of its name).")
    String device;

    @Option(names = "--variant", paramLabel = "V", description = "Only this variant, e.g. snapfusion or sd15.")
    String variant;

    @Option(names = "--bundle", paramLabel = "ID", description = "Only runs of this bundle id (or part of it).")
    String bundle;

    @Option(names = "--since", paramLabel = "DATE", description = "Only runs made on or after DATE (2026-12-07 or 2026-12-07T14:30).")
    String since;

    RunIndex index() {
        return new RunIndex(cli.studio().workspace().root());
    }

    @Override
    public Integer call() throws Exception {
        ZoneId zone = ZoneId.systemDefault();
        RunFilter filter = new RunFilter(prompt, device, variant, bundle, since == null ? null : RunFilter.parseSince(since, zone));
        RunListing listing = index().list();
        listing.warnings().forEach(w -> System.err.println("warning: " + w));
        List<RunEntry> runs = filter.apply(listing.runs());
        if (json) {
            ObjectMapper m = new ObjectMapper();
            ArrayNode a = m.createArrayNode();
            runs.forEach(r -> a.add(RunEntryCodec.toNode(r)));
            System.out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(a));
            return 0;
        }
        if (runs.isEmpty()) {
            System.out.println(listing.runs().isEmpty() ? "(no runs yet: make one with `studio generate` or the Generate page)"
                    : "(no run matches; " + listing.runs().size() + " in the history)");
            return 0;
        }
        String row = "%-32s %-16s %-11s %5s %10s  %-24s %-24s %s%n";
        System.out.printf(row, "ID", "CREATED", "VARIANT", "STEPS", "TOTAL", "DEVICE", "BUNDLE", "PROMPT");
        for (RunEntry r : runs) {
            System.out.printf(row, r.id(), r.created().atZoneSameInstant(zone).format(WHEN), cut(r.variant(), 11), r.steps(),
                    ms(r.totalMs()), cut(r.device(), 24), cut(r.bundle(), 24), cut(r.prompt().replace('\n', ' '), PROMPT_WIDTH));
        }
        return 0;
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%,.0f ms", v);
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
