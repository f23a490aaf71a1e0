package dev.snapfusion.runner.desktop;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.RegistrationNodePair;
import org.bytedeco.tensorflowlite.TfLiteDelegateParams;
import org.bytedeco.tensorflowlite.TfLiteIntArray;
import org.bytedeco.tensorflowlite.TfLiteNode;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * The interpreter's execution plan after delegation, as plain values: each step is a node on a builtin kernel or a
 * delegate partition with the TFLite nodes it replaced, in node order (TfLiteDelegateParams.nodes_to_replace).
 * Immutable.
 */
record ExecutionPlan(List<Step> steps) {

    /** A TFLite node: its index, op type ({@code CONV_2D}) and first output tensor name. */
    record Node(int index, String type, String tensor) {
    }

    /**
     * @param node the node that runs (for a partition, the delegate's own node)
     * @param partition 0, 1, … in execution order for a delegate partition, -1 for a builtin kernel
     * @param replaced the nodes a partition took over, in node order; empty for a builtin kernel
     */
    record Step(Node node, int partition, List<Node> replaced) {
        boolean isPartition() {
            return partition >= 0;
        }
    }

    ExecutionPlan {
        steps = List.copyOf(steps);
    }

    static ExecutionPlan of(Interpreter interpreter) {
        IntPointer plan = interpreter.execution_plan();
        List<Step> steps = new ArrayList<>();
        int partitions = 0;
        for (long i = 0; i < plan.limit(); i++) {
            int index = plan.get(i);
            RegistrationNodePair p = interpreter.node_and_registration(index);
            Node node = node(interpreter, index, p);
            if (p.second().builtin_code() != CppModel.BUILTIN_DELEGATE) {
                steps.add(new Step(node, -1, List.of()));
                continue;
            }
            TfLiteIntArray replaced = new TfLiteDelegateParams(p.first().builtin_data()).nodes_to_replace();
            List<Node> nodes = new ArrayList<>(replaced.size());
            for (int k = 0; k < replaced.size(); k++) {
                int r = replaced.data(k);
                nodes.add(node(interpreter, r, interpreter.node_and_registration(r)));
            }
            steps.add(new Step(node, partitions++, nodes));
        }
        return new ExecutionPlan(steps);
    }

    int partitions() {
        return (int) steps.stream().filter(Step::isPartition).count();
    }

    private static Node node(Interpreter interpreter, int index, RegistrationNodePair p) {
        String type = tensorflowlite.GetOpNameByRegistration(p.second());
        TfLiteNode n = p.first();
        TfLiteIntArray outs = n.outputs();
        String tensor = "";
        if (outs != null && !outs.isNull() && outs.size() > 0) {
            BytePointer name = interpreter.tensor(outs.data(0)).name();
            tensor = name == null || name.isNull() ? "" : name.getString();
        }
        return new Node(index, type == null ? "?" : type, tensor);
    }
}
