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
     * GELU, tanh form: TFLite 2.6.2 has no GELU builtin (FACTS.md). 0.5·x·(1 + tanh(z)) is written as
     * x·sigmoid(2z) because XNNPACK runs LOGISTIC but not TANH; z = √(2/π)·x·(1 + 0.044715·x²).
     */
    T gelu(T x) {
        double k2 = 2 * Math.sqrt(2 / Math.PI);
        T u = g.add(g.mul(g.mul(x, x), g.scalar((float) (0.044715 * k2))), g.scalar((float) k2));
        return g.mul(x, g.logistic(g.mul(u, x)));
    }

    /**
     * Multi-head attention on [N, C] queries and [M, Ck] keys/values (self-attention when kv == x).
     * Heads are unrolled: per head a SLICE of q/k, scores as a FULLY_CONNECTED with the key slice as
     * (dynamic) weights, a rank-2 SOFTMAX (XNNPACK), and p·v as a FULLY_CONNECTED against vᵀ's rows.
     * No BATCH_MATMUL and one small TRANSPOSE (of v) instead of four; TFLite 2.6.2's builtin FULLY_CONNECTED
     * is faster than its BATCH_MATMUL on these shapes (docs/benchmarks.md).
     */
    T attention(String prefix, T x, T kv, int heads, String q, String k, String v, String out, boolean qkvBias) {
        int c = x.dim(1), d = c / heads;
        T qs = g.mul(linear(prefix + "." + q, x, c, qkvBias), g.scalar((float) (1 / Math.sqrt(d))));
        T ks = linear(prefix + "." + k, kv, c, qkvBias);
        T vs = linear(prefix + "." + v, kv, c, qkvBias);
        return linear(prefix + "." + out, heads(qs, ks, vs, heads, null), c, true);
    }

    /** Like {@link #attention} with an additive mask [1, N, M] on the scores (CLIP's causal mask). */
    T maskedAttention(String prefix, T x, int heads, T mask) {
        int n = x.dim(0), c = x.dim(1), d = c / heads;
        T qs = g.mul(linear(prefix + ".q_proj", x, c, true), g.scalar((float) (1 / Math.sqrt(d))));
        T ks = linear(prefix + ".k_proj", x, c, true);
        T vs = linear(prefix + ".v_proj", x, c, true);
        return linear(prefix + ".out_proj", heads(qs, ks, vs, heads, g.reshape(mask, n, mask.dim(-1))), c, true);
    }

    /** softmax(q_h·k_hᵀ [+ mask])·v_h per head, heads side by side → [N, C]. q is already scaled. */
    private T heads(T q, T k, T v, int heads, T mask) {
        int c = q.dim(1), d = c / heads;
        T vt = g.transpose(v, 1, 0);                                   // [C, M]: rows of head h are its p·v weights
        T[] outs = new T[heads];
        for (int h = 0; h < heads; h++) {
            T qh = heads == 1 ? q : g.slice(q, 1, h * d, d);
            T kh = heads == 1 ? k : g.slice(k, 1, h * d, d);
            T vh = heads == 1 ? vt : g.slice(vt, 0, h * d, d);
            T s = g.fullyConnected(qh, kh, null);                      // [N, M]
            if (mask != null) s = g.add(s, mask);
            outs[h] = g.fullyConnected(g.softmax(s), vh, null);        // [N, d]
        }
        return heads == 1 ? outs[0] : g.concat(1, outs);
    }
}
