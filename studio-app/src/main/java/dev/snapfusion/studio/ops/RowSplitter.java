package dev.snapfusion.studio.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a table row into node type, numbers and name without trusting column positions: node types contain
 * spaces and commas ({@code Convolution (NHWC, QC8) IGEMM}) and overflow their padded width, and names contain
 * spaces ({@code [a, b]:12}). The row is cut at the first run of fields that has the table's numeric shape,
 * e.g. number, number, percent, percent, number, integer.
 */
final class RowSplitter {
    enum Kind { NUMBER, PERCENT, INTEGER }

    /** [start] [first] [avg ms] [%] [cdf%] [mem KB] [times called], then [Name]. */
    static final List<Kind> RUN_WITH_START = List.of(Kind.NUMBER, Kind.NUMBER, Kind.NUMBER, Kind.PERCENT, Kind.PERCENT,
            Kind.NUMBER, Kind.INTEGER);
    /** [first] [avg ms] [%] [cdf%] [mem KB] [times called], then [Name]. */
    static final List<Kind> RUN = List.of(Kind.NUMBER, Kind.NUMBER, Kind.PERCENT, Kind.PERCENT, Kind.NUMBER, Kind.INTEGER);
    /** [count] [avg ms] [avg %] [cdf %] [mem KB] [times called], nothing after. */
    static final List<Kind> SUMMARY = List.of(Kind.INTEGER, Kind.NUMBER, Kind.PERCENT, Kind.PERCENT, Kind.NUMBER, Kind.INTEGER);

    private static final Pattern TEXT_SEPARATOR = Pattern.compile("\\s+");
    private static final Pattern CSV_SEPARATOR = Pattern.compile("\\s*,\\s*");
    // C++ streams print 1e-05 for tiny CSV values and nan/inf when a run total is 0.
    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?|[-+]?(?i:nan|inf)");
    private static final Pattern INTEGER = Pattern.compile("\\d+");

    /** A row cut into its parts; {@code name} is empty for summary rows. */
    record Split(String type, double[] values, String name) {
    }

    private RowSplitter() {
    }

    static Optional<Split> split(String line, boolean csv, List<Kind> kinds, boolean named) {
        String s = line.strip();
        List<int[]> fields = fields(s, csv ? CSV_SEPARATOR : TEXT_SEPARATOR);
        int k = kinds.size();
        for (int i = 1; i + k <= fields.size(); i++) {
            int end = i + k;
            if (named ? end >= fields.size() : end != fields.size()) continue;
            double[] values = values(s, fields.subList(i, end), kinds);
            if (values == null) continue;
            String type = s.substring(0, fields.get(i - 1)[1]);
            String name = named ? s.substring(fields.get(end)[0]) : "";
            // Newer CSV writers turn the commas of a name into tabs so the row keeps its column count.
            if (csv) name = name.replace('\t', ',');
            return Optional.of(new Split(type, values, name));
        }
        return Optional.empty();
    }

    private static List<int[]> fields(String s, Pattern separator) {
        List<int[]> out = new ArrayList<>();
        Matcher m = separator.matcher(s);
        int from = 0;
        while (m.find()) {
            if (m.start() > from) out.add(new int[] {from, m.start()});
            from = m.end();
        }
        if (from < s.length()) out.add(new int[] {from, s.length()});
        return out;
    }

    private static double[] values(String s, List<int[]> fields, List<Kind> kinds) {
        double[] out = new double[kinds.size()];
        for (int j = 0; j < out.length; j++) {
            String f = s.substring(fields.get(j)[0], fields.get(j)[1]);
            Kind kind = kinds.get(j);
            if (kind == Kind.PERCENT) {
                if (!f.endsWith("%")) return null;
                f = f.substring(0, f.length() - 1);
            }
            if (!(kind == Kind.INTEGER ? INTEGER : NUMBER).matcher(f).matches()) return null;
            out[j] = number(f);
        }
        return out;
    }

    private static double number(String f) {
        String lower = f.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("nan") || lower.contains("inf")) return 0;   // a share of an empty run: report none
        return Double.parseDouble(f);
    }
}
