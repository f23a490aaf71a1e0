package dev.snapfusion.studio.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A saved output of TFLite's {@code benchmark_model --enable_op_profiling=true}: the tables of the benchmark runs,
 * with the initialization's kept apart. Immutable, so thread-safe.
 *
 * <pre>{@code
 * OpProfile p = OpProfile.read(Path.of("unet-profile.txt"));
 * p.ops().forEach(op -> System.out.println(op.type() + " " + op.runMs()));
 * }</pre>
 *
 * @param source the file, for messages
 * @param layout how the run tables were printed
 * @param ops the run's "Run Order" rows, in run order
 * @param initOps the "Run Order" rows of the initialization (ModifyGraphWithDelegate, AllocateTensors)
 * @param delegateOps the rows a delegate reported about its own ops ("Delegate internal:"); their time is
 *                    already inside their delegate node in {@code ops}
 * @param byType the run's "Summary by node type" rows
 * @param timingsAvgMs the run's average from its "Timings (microseconds):" line, when the file has one
 */
public record OpProfile(String source, ProfileLayout layout, List<OpRow> ops, List<OpRow> initOps, List<OpRow> delegateOps,
                        List<TypeRow> byType, OptionalDouble timingsAvgMs) {
    public OpProfile {
        ops = List.copyOf(ops);
        initOps = List.copyOf(initOps);
        delegateOps = List.copyOf(delegateOps);
        byType = List.copyOf(byType);
    }

    /** Where a total comes from; the first the file allows wins. */
    public enum Basis {
        TIMINGS("timings"), OPS("ops"), BY_TYPE("by_type");

        private final String wireName;

        Basis(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** Milliseconds per run and where they come from. */
    public record Total(double ms, Basis basis) {
    }

    /**
     * Reads a profile: benchmark_model's printed output (stdout or a logcat capture) or its
     * {@code --profiling_output_csv_file}.
     *
     * @throws OpProfileException when the file is missing, empty, binary, or has no profile table
     */
    public static OpProfile read(Path file) {
        if (!Files.isRegularFile(file)) throw new OpProfileException(file + ": no such file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new OpProfileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length == 0) {
            throw new OpProfileException(file + " is empty; " + ProfileParser.EXPECTED);
        }
        for (byte b : bytes) {
            if (b == 0) throw new OpProfileException(file + " is not a text file; " + ProfileParser.EXPECTED);
        }
        return parse(file.toString(), new String(bytes, StandardCharsets.UTF_8));
    }

    /** Parses the text of a profile; {@code source} names it in messages. */
    public static OpProfile parse(String source, String text) {
        return new ProfileParser(source).parse(text.lines().toList());
    }

    /** The time of one run: the file's Timings average, else the sum of the ops, else the sum of the node types. */
    public Optional<Total> total() {
        if (timingsAvgMs.isPresent()) return Optional.of(new Total(timingsAvgMs.getAsDouble(), Basis.TIMINGS));
        if (!ops.isEmpty()) return Optional.of(new Total(ops.stream().mapToDouble(OpRow::runMs).sum(), Basis.OPS));
        if (!byType.isEmpty()) return Optional.of(new Total(byType.stream().mapToDouble(TypeRow::avgMs).sum(), Basis.BY_TYPE));
        return Optional.empty();
    }
}
