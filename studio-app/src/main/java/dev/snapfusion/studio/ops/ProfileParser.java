package dev.snapfusion.studio.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pass over the lines of a profile. TFLite prints (tensorflow/lite/profiling and stats_calculator.cc) a
 * section per phase, "Profiling Info for Benchmark Initialization:" then "Operator-wise Profiling Info for Regular
 * Benchmark Runs:", and in each the tables "Run Order", "Top by Computation Time" and "Summary by node type" under
 * {@code ===== title =====} banners, each ended by a blank line, then "Timings (microseconds): count=.. avg=..".
 * Not thread-safe; one instance per file.
 */
final class ProfileParser {
    static final String EXPECTED = "expected the output of TFLite's benchmark_model --enable_op_profiling=true (as printed, "
            + "a logcat capture, or its --profiling_output_csv_file); see docs/op-profiles.md";

    private enum Phase { INIT, RUN, DELEGATE }

    private enum Table { NONE, RUN_ORDER, SUMMARY, OTHER }

    private record Columns(boolean csv, boolean start) {
    }

    private static final Pattern BANNER = Pattern.compile("=+\\s*(.*?)\\s*=+");
    private static final Pattern RUN_SECTION = Pattern.compile("(?i).*profiling info for regular benchmark runs:?");
    private static final Pattern INIT_SECTION = Pattern.compile("(?i)(?:.*profiling info for benchmark )?initialization:?");
    private static final Pattern DELEGATE_SECTION = Pattern.compile("(?i)delegate internal:?");
    private static final Pattern TIMINGS = Pattern.compile("Timings \\(microseconds\\):(.*)");
    private static final Pattern TIMING_VALUE = Pattern.compile("\\b(avg|curr)=([-+]?[\\d.]+(?:[eE][-+]?\\d+)?)");
    /** Lines around the tables that carry nothing we keep; a subgraph's own Timings line is one of them. */
    private static final Pattern BOOKKEEPING = Pattern.compile(
            "Number of nodes executed: \\d+|Memory \\(bytes\\):.*|\\d+ nodes observed|Primary graph .*|Subgraph \\(index: \\d+\\).*");

    private final String source;
    private final List<OpRow> ops = new ArrayList<>();
    private final List<OpRow> initOps = new ArrayList<>();
    private final List<OpRow> delegateOps = new ArrayList<>();
    private final List<TypeRow> byType = new ArrayList<>();
    private OptionalDouble timingsMs = OptionalDouble.empty();
    private Phase phase = Phase.RUN;   // a bare table (no section line) is a run's
    private Table table = Table.NONE;
    private Columns columns;
    private ProfileLayout runLayout;
    private ProfileLayout anyLayout;
    private ProfileLayout summaryLayout;
    private boolean sawTable;

    ProfileParser(String source) {
        this.source = source;
    }

    OpProfile parse(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String message = LogLines.message(lines.get(i));
            if (message != null) line(i + 1, message.strip());
        }
        if (!sawTable) throw new OpProfileException(source + ": no op profile in it; " + EXPECTED);
        ProfileLayout layout = runLayout != null ? runLayout : anyLayout != null ? anyLayout
                : summaryLayout != null ? summaryLayout : ProfileLayout.TEXT;
        return new OpProfile(source, layout, ops, initOps, delegateOps, byType, timingsMs);
    }

    private void line(int number, String line) {
        if (line.isEmpty()) {
            table = Table.NONE;
        } else if (RUN_SECTION.matcher(line).matches()) {
            enter(Phase.RUN);
        } else if (INIT_SECTION.matcher(line).matches()) {
            enter(Phase.INIT);
        } else if (DELEGATE_SECTION.matcher(line).matches()) {
            enter(Phase.DELEGATE);
        } else if (BANNER.matcher(line).matches()) {
            open(line);
        } else if (TIMINGS.matcher(line).matches()) {
            table = Table.NONE;
            if (phase == Phase.RUN && timingsMs.isEmpty()) timingsMs = timings(line);
        } else if (BOOKKEEPING.matcher(line).matches()) {
            table = Table.NONE;
        } else if (table == Table.RUN_ORDER || table == Table.SUMMARY) {
            if (columns == null && header(line)) return;
            row(number, line);
        }
        // Anything else is benchmark_model's chatter or a table we skip (Top by Computation Time repeats Run Order rows).
    }

    private void enter(Phase p) {
        phase = p;
        table = Table.NONE;
    }

    private void open(String banner) {
        Matcher m = BANNER.matcher(banner);
        m.matches();
        columns = null;
        table = switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "run order" -> Table.RUN_ORDER;
            case "summary by node type" -> Table.SUMMARY;
            default -> Table.OTHER;
        };
        // A line of '=' in some other text is not a profile.
        if (table != Table.OTHER) sawTable = true;
    }

    /** Reads the column header under a banner: bracketed names in text, "node type, ..." in CSV. */
    private boolean header(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        boolean text = lower.startsWith("[node type]");
        if (!text && !lower.startsWith("node type,")) return false;
        use(new Columns(!text, lower.contains("start")));
        return true;
    }

    private void use(Columns c) {
        columns = c;
        if (table == Table.SUMMARY) {
            // A summary has no [start] column, so it only tells text from CSV.
            if (summaryLayout == null) summaryLayout = ProfileLayout.of(c.csv(), false);
            return;
        }
        ProfileLayout l = ProfileLayout.of(c.csv(), c.start());
        if (phase == Phase.RUN && runLayout == null) runLayout = l;
        if (anyLayout == null) anyLayout = l;
    }

    private void row(int number, String line) {
        boolean runOrder = table == Table.RUN_ORDER;
        Optional<RowSplitter.Split> split = Optional.empty();
        for (Columns c : candidates()) {
            split = RowSplitter.split(line, c.csv(), runOrder ? (c.start() ? RowSplitter.RUN_WITH_START : RowSplitter.RUN)
                    : RowSplitter.SUMMARY, runOrder);
            if (split.isPresent()) {
                if (columns == null) use(c);
                break;
            }
        }
        if (split.isEmpty()) {
            throw new OpProfileException(String.format(Locale.ROOT, "%s:%d: not a %s row: \"%s\"; %s", source, number,
                    runOrder ? "Run Order" : "Summary by node type", abbreviate(line), EXPECTED));
        }
        RowSplitter.Split s = split.get();
        double[] v = s.values();
        if (!runOrder) {
            if (phase == Phase.RUN) byType.add(new TypeRow(s.type(), (long) v[0], v[1], v[2], v[3], v[4], (long) v[5]));
            return;
        }
        int o = v.length == RowSplitter.RUN_WITH_START.size() ? 1 : 0;
        OpRow op = new OpRow(s.type(), s.name(), o == 1 ? OptionalDouble.of(v[0]) : OptionalDouble.empty(), v[o], v[o + 1],
                v[o + 2], v[o + 3], v[o + 4], (long) v[o + 5]);
        (phase == Phase.RUN ? ops : phase == Phase.INIT ? initOps : delegateOps).add(op);
    }

    /** The header's columns; without a header (a clipped copy), every layout in turn, the one with [start] first. */
    private List<Columns> candidates() {
        if (columns != null) return List.of(columns);
        return List.of(new Columns(false, true), new Columns(false, false), new Columns(true, true), new Columns(true, false));
    }

    private static OptionalDouble timings(String line) {
        Matcher m = TIMING_VALUE.matcher(line);
        Double curr = null;
        while (m.find()) {
            double us = Double.parseDouble(m.group(2));
            if (m.group(1).equals("avg")) return OptionalDouble.of(us / 1000);
            curr = us;
        }
        // One run prints only count= and curr=.
        return curr != null ? OptionalDouble.of(curr / 1000) : OptionalDouble.empty();
    }

    private static String abbreviate(String line) {
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }
}
