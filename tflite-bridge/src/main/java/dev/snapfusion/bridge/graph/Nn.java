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

    /** GroupNorm on NHWC, via [1, HW, G, C/G] to stay within rank 4. */
    T groupNorm(String prefix, T x, int groups, double eps) {
        int h = x.dim(1), wd = x.dim(2), c = x.dim(3);
        T r = g.reshape(x, 1, h * wd, groups, c / groups);
        T mean = g.mean(r, 1, 3);
        T var = g.mean(g.squaredDifference(r, mean), 1, 3);
        T norm = g.mul(g.sub(r, mean), g.rsqrt(g.add(var, g.scalar((float) eps))));
        T back = g.reshape(norm, 1, h, wd, c);
        T gamma = g.weight(prefix + ".weight", w.tensor(prefix + ".weight", c), c);
        T beta = g.weight(prefix + ".bias", w.tensor(prefix + ".bias", c), c);
        return g.add(g.mul(back, gamma), beta);
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

    /** GELU, tanh form: TFLite 2.6.2 has no GELU builtin (FACTS.md). */
    T gelu(T x) {
        T cube = g.mul(g.mul(x, x), x);
        T inner = g.mul(g.add(x, g.mul(cube, g.scalar(0.044715f))), g.scalar((float) Math.sqrt(2 / Math.PI)));
        return g.mul(g.mul(x, g.scalar(0.5f)), g.add(g.tanh(inner), g.scalar(1f)));
    }

    /**
     * Multi-head attention on [N, C] queries and [M, Ck] keys/values (self-attention when kv == x).
     * Heads go to the batch axis of BATCH_MATMUL so everything stays rank 3.
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
