package dev.snapfusion.runner.desktop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches the operators XNNPACK reports for one delegate partition to the TFLite nodes the partition replaced, so
 * their times can be given to nodes (docs/op-profile.md, "Mapping XNNPACK operators to nodes").
 *
 * <p>XNNPACK's delegate defines its nodes in TFLite node order and its runtime keeps that order, but a node may
 * become two operators (FULLY_CONNECTED is a reshape plus the GEMM), none (a DEQUANTIZE of weights is unpacked when
 * the delegate is built; a PAD is fused into the next convolution), and a run of RESHAPEs may become fewer reshape
 * operators. {@link #RULES} lists the forms seen with TFLite 2.21; an operator is compared by its family, the text
 * before the first " (" ({@code "Fully Connected (NC, F32) GEMM"} → {@code "Fully Connected"}). A run of consecutive
 * RESHAPEs is one unit: it becomes 1 to k "Static Reshape" operators, and their time goes to the run's last node,
 * whose output the run computes (which reshape XNNPACK merged cannot be told apart, and need not be).
 *
 * <p>The alignment is accepted only when exactly one way exists to cover all nodes and all operators in order.
 * Anything else (an unknown op type or operator, or two readings) gives no alignment, and the caller reports the
 * partition as a whole: times are never split on a guess. Stateless; thread-safe.
 */
final class XnnpackAlignment {
    /** One TFLite op type → XNNPACK operator families, in order; {@code folded} says why an empty form has none. */
    record Rule(String type, List<String> operators, String folded) {
    }

    /** Per operator the node (position in the partition) it belongs to; per node its operators' names or why it has none. */
    record Alignment(int[] ownerOfOperator, List<String> labels) {
    }

    static final String RESHAPE = "RESHAPE";
    static final String STATIC_RESHAPE = "Static Reshape";
    static final String UNPACKED = "weights unpacked when XNNPACK was built (no operator)";
    static final String FUSED_PAD = "fused into the next convolution by XNNPACK (no operator)";
    static final String MERGED_RESHAPE = "merged with the next reshape by XNNPACK (its time is there)";

    static final List<Rule> RULES = List.of(
            rule("ADD", "Add"), rule("SUB", "Subtract"), rule("MUL", "Multiply"), rule("MUL", "Square"),
            rule("SQUARED_DIFFERENCE", "Squared Difference"), rule("RSQRT", "Reciprocal Square Root"),
            rule("LOGISTIC", "Sigmoid"), rule("MEAN", "Mean"), rule("TRANSPOSE", "Transpose"),
            rule("AVERAGE_POOL_2D", "Average Pooling"), rule("BATCH_MATMUL", "Batch Matrix Multiply"),
            rule("SOFTMAX", "Softmax"), rule("SLICE", "Slice"), rule("CONCATENATION", "Copy"),
            rule("FULLY_CONNECTED", STATIC_RESHAPE, "Fully Connected"),
            rule("CONV_2D", "Convolution"), rule("CONV_2D", "Fully Connected"),   // a 1×1 conv runs as a GEMM
            rule("CONV_2D", "Convert", "Convolution"),                             // int8: activations quantized first
            rule("PAD", "Constant Pad"), new Rule("PAD", List.of(), FUSED_PAD),
            new Rule("DEQUANTIZE", List.of(), UNPACKED));

    private XnnpackAlignment() {
    }

    private static Rule rule(String type, String... operators) {
        return new Rule(type, List.of(operators), null);
    }

    static String family(String operator) {
        int p = operator.indexOf(" (");
        return p < 0 ? operator.trim() : operator.substring(0, p);
    }

    /** Consumes nodes [i, toI) and operators [j, toJ); node {@code owner} gets the operators' time. */
    private record Move(int i, int j, int toI, int toJ, int owner, String folded) {
    }

    /**
     * @param types the partition's TFLite op types in node order
     * @param operators XNNPACK's operator names in operator-index order
     * @return the unique alignment, or empty when there is none or more than one
     */
    static Optional<Alignment> align(List<String> types, List<String> operators) {
        int n = types.size();
        int m = operators.size();
        String[] fam = new String[m];
        for (int j = 0; j < m; j++) fam[j] = family(operators.get(j));
        // ways[i][j]: readings of the first i nodes as the first j operators, saturated at 2 (= "ambiguous").
        byte[][] ways = new byte[n + 1][m + 1];
        Map<Long, Move> firstIn = new HashMap<>();
        ways[0][0] = 1;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= m; j++) {
                if (ways[i][j] == 0) continue;
                for (Move mv : moves(types, fam, i, j)) {
                    ways[mv.toI()][mv.toJ()] = (byte) Math.min(2, ways[mv.toI()][mv.toJ()] + ways[i][j]);
                    firstIn.putIfAbsent(key(mv.toI(), mv.toJ()), mv);
                }
            }
        }
        if (ways[n][m] != 1) return Optional.empty();
        // On a unique reading every cell of the path has exactly one way in: the first one recorded.
        int[] owner = new int[m];
        String[] labels = new String[n];
        for (int i = n, j = m; i > 0; ) {
            Move mv = firstIn.get(key(i, j));
            String ran = String.join(" + ", operators.subList(mv.j(), mv.toJ()));
            for (int k = mv.j(); k < mv.toJ(); k++) owner[k] = mv.owner();
            for (int k = mv.i(); k < mv.toI(); k++) labels[k] = k == mv.owner() && !ran.isEmpty() ? ran : mv.folded();
            i = mv.i();
            j = mv.j();
        }
        return Optional.of(new Alignment(owner, Arrays.asList(labels)));
    }

    private static List<Move> moves(List<String> types, String[] fam, int i, int j) {
        List<Move> out = new ArrayList<>(2);
        if (types.get(i).equals(RESHAPE)) {
            // The DP only stands at the start of a run: a run is always consumed whole.
            int end = i;
            while (end < types.size() && types.get(end).equals(RESHAPE)) end++;
            for (int o = 1; o <= end - i && j + o <= fam.length && fam[j + o - 1].equals(STATIC_RESHAPE); o++) {
                out.add(new Move(i, j, end, j + o, end - 1, MERGED_RESHAPE));
            }
            return out;
        }
        for (Rule r : RULES) {
            if (!r.type().equals(types.get(i)) || j + r.operators().size() > fam.length) continue;
            boolean ok = true;
            for (int k = 0; k < r.operators().size() && ok; k++) ok = r.operators().get(k).equals(fam[j + k]);
            if (ok) out.add(new Move(i, j, i + 1, j + r.operators().size(), i, r.folded()));
        }
        return out;
    }

    private static long key(int i, int j) {
        return ((long) i << 32) | j;
    }
}
