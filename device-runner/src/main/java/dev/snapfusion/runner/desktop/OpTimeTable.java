package dev.snapfusion.runner.desktop;

import dev.snapfusion.runner.tflite.OpTime;
import dev.snapfusion.runner.tflite.OpaquePartition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Folds the raw events of each profiled invoke ({@link TelemetryRecorder}) into times per node of an
 * {@link ExecutionPlan} (docs/op-profile.md). Builtin nodes are timed by their begin/end events. XNNPACK reports
 * each partition's operators as one batch after the partition ran (operator indices 0, 1, …), and no event for the
 * partition's own node, so the k-th batch of an invoke is the k-th partition of the plan; each batch is then matched
 * to the partition's nodes by {@link XnnpackAlignment}, or kept whole. Not thread-safe.
 */
final class OpTimeTable {
    private final ExecutionPlan plan;
    private final List<ExecutionPlan.Step> partitions = new ArrayList<>();
    /** Builtin node index → summed ns. */
    private final Map<Integer, Long> builtinNs = new HashMap<>();
    /** Per partition: per replaced node summed µs (aligned), and the partition's summed µs. */
    private final List<long[]> nodeUs = new ArrayList<>();
    private final long[] partitionUs;
    /** Per partition: the alignment, or null once it is known not to exist; absent until the first batch. */
    private final Map<Integer, Optional<XnnpackAlignment.Alignment>> alignments = new HashMap<>();
    private final Map<Integer, String> opaqueReasons = new HashMap<>();
    private final Map<Integer, Integer> operatorCounts = new HashMap<>();
    private long callbackNs;
    private long unmatchedUs;
    private String unmatchedReason;
    private int calls;

    OpTimeTable(ExecutionPlan plan) {
        this.plan = plan;
        for (ExecutionPlan.Step s : plan.steps()) {
            if (!s.isPartition()) continue;
            partitions.add(s);
            nodeUs.add(new long[s.replaced().size()]);
        }
        partitionUs = new long[partitions.size()];
    }

    void reset() {
        builtinNs.clear();
        nodeUs.replaceAll(a -> new long[a.length]);
        Arrays.fill(partitionUs, 0);
        callbackNs = 0;
        unmatchedUs = 0;
        unmatchedReason = null;
        calls = 0;
    }

    /** Adds one invoke's events. */
    void add(TelemetryRecorder ev) {
        List<List<Integer>> batches = new ArrayList<>();
        List<Integer> open = null;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.kind(i) == TelemetryRecorder.BUILTIN) {
                long ns = ev.elapsed(i);
                if (ns >= 0) builtinNs.merge(ev.index(i), ns, Long::sum);
                open = null;
                continue;
            }
            // A new batch starts at operator 0, or wherever the indices stop counting up by one.
            if (open == null || ev.index(i) != ev.index(open.get(open.size() - 1)) + 1) {
                open = new ArrayList<>();
                batches.add(open);
            }
            open.add(i);
        }
        for (List<Integer> b : batches) callbackNs += callbackNs(b, ev);
        if (batches.size() != partitions.size()) {
            for (List<Integer> b : batches) for (int i : b) unmatchedUs += ev.elapsed(i);
            unmatchedReason = "XNNPACK reported " + batches.size() + " operator batches for " + partitions.size()
                    + " partitions in one invoke, so its operators could not be given to partitions";
        } else {
            for (int k = 0; k < batches.size(); k++) addBatch(k, batches.get(k), ev);
        }
        calls++;
    }

    /**
     * XNNPACK reports a partition's operators in one loop after it ran, so the span of their callbacks (plus one
     * gap for the first) is what the profiler itself added to that invoke.
     */
    private static long callbackNs(List<Integer> batch, TelemetryRecorder ev) {
        if (batch.size() < 2) return 0;
        long span = ev.at(batch.get(batch.size() - 1)) - ev.at(batch.get(0));
        return span + span / (batch.size() - 1);
    }

    /** Mean time per invoke spent in the profiler's XNNPACK callbacks (part of the invoke's wall time, not of any op). */
    double callbackMs() {
        return calls == 0 ? 0 : callbackNs / 1e6 / calls;
    }

    private void addBatch(int k, List<Integer> batch, TelemetryRecorder ev) {
        List<String> names = new ArrayList<>(batch.size());
        for (int i : batch) names.add(ev.name(i));
        Optional<XnnpackAlignment.Alignment> a = alignments.computeIfAbsent(k, key -> align(key, names));
        Integer seen = operatorCounts.putIfAbsent(k, names.size());
        if (a.isPresent() && seen != null && seen != names.size()) {
            a = Optional.empty();
            alignments.put(k, a);
            opaqueReasons.put(k, "XNNPACK reported " + seen + " operators in one invoke and " + names.size() + " in another");
        }
        long[] perNode = nodeUs.get(k);
        for (int p = 0; p < batch.size(); p++) {
            long us = ev.elapsed(batch.get(p));
            partitionUs[k] += us;
            if (a.isPresent()) perNode[a.get().ownerOfOperator()[p]] += us;
        }
    }

    private Optional<XnnpackAlignment.Alignment> align(int k, List<String> names) {
        List<String> types = new ArrayList<>();
        for (ExecutionPlan.Node n : partitions.get(k).replaced()) types.add(n.type());
        Optional<XnnpackAlignment.Alignment> a = XnnpackAlignment.align(types, names);
        if (a.isEmpty()) {
            opaqueReasons.put(k, "its " + names.size() + " XNNPACK operators do not match its " + types.size()
                    + " TFLite nodes one way only (an op type or operator outside the known forms, or two readings)");
        }
        return a;
    }

    /** Times per node in plan order; empty before the first invoke. */
    List<OpTime> opTimes() {
        List<OpTime> out = new ArrayList<>();
        if (calls == 0) return out;
        for (ExecutionPlan.Step s : plan.steps()) {
            ExecutionPlan.Node n = s.node();
            if (!s.isPartition()) {
                out.add(new OpTime(n.type(), OpTime.BUILTIN_KERNEL, n.tensor(), builtinNs.getOrDefault(n.index(), 0L) / 1e6 / calls,
                        calls, OpTime.NO_PARTITION));
                continue;
            }
            int k = s.partition();
            Optional<XnnpackAlignment.Alignment> a = alignments.getOrDefault(k, Optional.empty());
            if (a.isEmpty()) {
                String first = s.replaced().isEmpty() ? n.tensor() : s.replaced().get(0).tensor();
                out.add(new OpTime(OpTime.DELEGATE, n.type() + ", " + s.replaced().size() + " nodes", first,
                        partitionUs[k] / 1e3 / calls, calls, k));
                continue;
            }
            for (int p = 0; p < s.replaced().size(); p++) {
                ExecutionPlan.Node r = s.replaced().get(p);
                out.add(new OpTime(r.type(), a.get().labels().get(p), r.tensor(), nodeUs.get(k)[p] / 1e3 / calls, calls, k));
            }
        }
        if (unmatchedUs > 0) {
            out.add(new OpTime(OpTime.DELEGATE, "XNNPACK operators not matched to a partition", "", unmatchedUs / 1e3 / calls,
                    calls, OpTime.NO_PARTITION));
        }
        return out;
    }

    List<OpaquePartition> opaquePartitions() {
        List<OpaquePartition> out = new ArrayList<>();
        if (calls == 0) return out;
        for (ExecutionPlan.Step s : partitions) {
            int k = s.partition();
            if (alignments.getOrDefault(k, Optional.empty()).isPresent()) continue;
            List<String> tensors = new ArrayList<>();
            for (ExecutionPlan.Node r : s.replaced()) tensors.add(r.tensor());
            String reason = opaqueReasons.getOrDefault(k, unmatchedReason != null ? unmatchedReason
                    : "XNNPACK reported no operators for it");
            out.add(new OpaquePartition(k, tensors, reason));
        }
        return out;
    }
}
