package dev.snapfusion.bridge.graph;

import dev.snapfusion.bridge.source.Checkpoint;
import dev.snapfusion.bridge.tflite.Graph;
import dev.snapfusion.bridge.tflite.T;

/**
 * diffusers / transformers layers written as TFLite ops, reading weights by their PyTorch names.
 * Convs are OIHW in the checkpoint and OHWI in TFLite; linears are [out, in] in both.
 */
final class Nn {
    final Graph g;
    private final Checkpoint w;

    Nn(Graph g, Checkpoint w) {
        this.g = g;
        this.w = w;
    }

    T conv(String prefix, T x, int out, int k, int stride, int pad) {
        int in = x.dim(3);
        float[] oihw = w.tensor(prefix + ".weight", out, in, k, k);
        float[] ohwi = dev.snapfusion.bridge.tflite.Layouts.oihwToOhwi(oihw, out, in, k, k);
        T wt = g.weight(prefix + ".weight", ohwi, out, k, k, in);
        T b = g.weight(prefix + ".bias", w.tensor(prefix + ".bias", out), out);
        return g.conv2d(x, wt, b, stride, pad);
    }

    /** x [N, in] → [N, out]. */
    T linear(String prefix, T x, int out, boolean bias) {
        T wt = g.weight(prefix + ".weight", w.tensor(prefix + ".weight", out, x.dim(1)), out, x.dim(1));
        T b = bias ? g.weight(prefix + ".bias", w.tensor(prefix + ".bias", out), out) : null;
        return g.fullyConnected(x, wt, b);
    }

    /**
     * GroupNorm on NHWC. Statistics come from per-channel spatial means (AVERAGE_POOL_2D, which XNNPACK runs)
     * averaged over each group's channels on [1,1,G,C/G] (tiny); every full-size op is XNNPACK-delegated.
     * Same two-pass numerics as a MEAN over [HW, C/G]: mean first, then the mean of squared deviations.
     */
    T groupNorm(String prefix, T x, int groups, double eps) {
        int c = x.dim(3);
        T mean = groupAverage(prefix + "/mean", g.spatialMean(x), groups);
        T d = g.sub(x, mean);
        T var = groupAverage(prefix + "/var", g.spatialMean(g.mul(d, d)), groups);
        T gamma = g.weight(prefix + ".weight", w.tensor(prefix + ".weight", c), c);
        T beta = g.weight(prefix + ".bias", w.tensor(prefix + ".bias", c), c);
        T scale = g.mul(g.rsqrt(g.add(var, g.scalar((float) eps))), gamma);   // [1,1,1,C]
        return g.add(g.mul(d, scale), beta);
    }

    /** Per-channel values [1,1,1,C] → each channel's group average, still [1,1,1,C]. */
    private T groupAverage(String name, T perChannel, int groups) {
        int c = perChannel.dim(3), cg = c / groups;
        if (cg == 1) return perChannel;
        T m = g.mean(g.reshape(perChannel, 1, 1, groups, cg), 3);                  // [1,1,G,1]
        T spread = g.add(m, g.constant(name + "/spread", new float[c], 1, 1, groups, cg));
        return g.reshape(spread, 1, 1, 1, c);
    }

    /** LayerNorm over the last axis of [N, D]. */
    T layerNorm(String prefix, T x, double eps) {
        int d = x.dim(1);
        T mean = g.mean(x, 1);
        T var = g.mean(g.squaredDifference(x, mean), 1);
        T norm = g.mul(g.sub(x, mean), g.rsqrt(g.add(var, g.scalar((float) eps))));
        T gamma = g.weight(prefix + ".weight", w.tensor(prefix + ".weight", d), d);
        T beta = g.weight(prefix + ".bias", w.tensor(prefix + ".bias", d), d);
        return g.add(g.mul(norm, gamma), beta);
    }

    T silu(T x) {
        return g.mul(x, g.logistic(x));
    }

    T quickGelu(T x) {
        return g.mul(x, g.logistic(g.mul(x, g.scalar(1.702f))));
    }

    /**
     * GELU, tanh form, composed: 0.5·x·(1 + tanh(z)) written as x·sigmoid(2z), z = √(2/π)·x·(1 + 0.044715·x²).
     * 2.6.2 had no GELU builtin; 2.16.1 registers GELU (versions 1–2), but its XNNPACK has no GELU operator, so a
     * builtin GELU would run on the builtin kernel and split the phone's XNNPACK partitions at every GEGLU, while
     * MUL/ADD/LOGISTIC stay in XNNPACK. Kept for that (docs/decisions.md, "Session 3: 2.6.2 workarounds").
     */
    T gelu(T x) {
        double k2 = 2 * Math.sqrt(2 / Math.PI);
        T u = g.add(g.mul(g.mul(x, x), g.scalar((float) (0.044715 * k2))), g.scalar((float) k2));
        return g.mul(x, g.logistic(g.mul(u, x)));
    }

    /**
     * Multi-head attention on [N, C] queries and [M, Ck] keys/values (self-attention when kv == x).
     * Heads go to the batch axis of BATCH_MATMUL so everything stays rank 3. This is the plain form, not a 2.6.2
     * workaround: on 2.6.2 no layout helped (the activation-by-activation matmuls ran single-threaded outside XNNPACK;
     * "Attention on TFLite 2.6.2 (session 2)" in docs/benchmarks.md), and 2.16.1's XNNPACK has Batch Matrix Multiply,
     * Transpose and Softmax operators, as 2.21's, which runs these blocks in XNNPACK (docs/decisions.md, session 3).
     */
    T attention(String prefix, T x, T kv, int heads, String q, String k, String v, String out, boolean qkvBias) {
        int n = x.dim(0), c = x.dim(1), m = kv.dim(0), d = c / heads;
        T qh = splitHeads(g.mul(linear(prefix + "." + q, x, c, qkvBias), g.scalar((float) (1 / Math.sqrt(d)))), heads);
        T kh = splitHeads(linear(prefix + "." + k, kv, c, qkvBias), heads);
        T vh = splitHeads(linear(prefix + "." + v, kv, c, qkvBias), heads);
        T p = g.softmax(g.batchMatMul(qh, kh, true));
        T o = g.batchMatMul(p, vh, false);                       // [heads, N, d]
        T merged = g.reshape(g.transpose(o, 1, 0, 2), n, c);     // [N, C]
        return linear(prefix + "." + out, merged, c, true);
    }

    /** Like {@link #attention} with an additive mask [1, N, M] on the scores (CLIP's causal mask). */
    T maskedAttention(String prefix, T x, int heads, T mask) {
        int n = x.dim(0), c = x.dim(1), d = c / heads;
        T qh = splitHeads(g.mul(linear(prefix + ".q_proj", x, c, true), g.scalar((float) (1 / Math.sqrt(d)))), heads);
        T kh = splitHeads(linear(prefix + ".k_proj", x, c, true), heads);
        T vh = splitHeads(linear(prefix + ".v_proj", x, c, true), heads);
        T p = g.softmax(g.add(g.batchMatMul(qh, kh, true), mask));
        T merged = g.reshape(g.transpose(g.batchMatMul(p, vh, false), 1, 0, 2), n, c);
        return linear(prefix + ".out_proj", merged, c, true);
    }

    private T splitHeads(T x, int heads) {
        int n = x.dim(0), c = x.dim(1);
        return g.transpose(g.reshape(x, n, heads, c / heads), 1, 0, 2);
    }
}
