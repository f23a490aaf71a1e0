package dev.snapfusion.bridge.reference;

import dev.snapfusion.bridge.source.Checkpoint;

/**
 * PyTorch layers written out on plain arrays, weights read by name in their PyTorch layout (OIHW convs,
 * [out, in] linears). Sums are accumulated in double. Sequences are row-major [n, d].
 */
final class Ops {
    private final Checkpoint w;

    Ops(Checkpoint w) {
        this.w = w;
    }

    /** torch.nn.Conv2d with symmetric zero padding, OIHW weight and a bias. */
    Nchw conv(String prefix, Nchw x, int out, int k, int stride, int pad) {
        float[] wt = w.tensor(prefix + ".weight", out, x.c(), k, k);
        float[] b = w.tensor(prefix + ".bias", out);
        int oh = (x.h() + 2 * pad - k) / stride + 1, ow = (x.w() + 2 * pad - k) / stride + 1;
        float[] y = new float[out * oh * ow];
        float[] in = x.data();
        for (int o = 0; o < out; o++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++) {
                    double s = b[o];
                    for (int i = 0; i < x.c(); i++)
                        for (int ky = 0; ky < k; ky++) {
                            int iy = oy * stride + ky - pad;
                            if (iy < 0 || iy >= x.h()) continue;
                            int row = (i * x.h() + iy) * x.w();
                            int wrow = ((o * x.c() + i) * k + ky) * k;
                            for (int kx = 0; kx < k; kx++) {
                                int ix = ox * stride + kx - pad;
                                if (ix >= 0 && ix < x.w()) s += (double) wt[wrow + kx] * in[row + ix];
                            }
                        }
                    y[(o * oh + oy) * ow + ox] = (float) s;
                }
        return new Nchw(y, out, oh, ow);
    }

    /** torch.nn.Linear: x [n, in] times weight [out, in] transposed, plus bias. */
    float[] linear(String prefix, float[] x, int in, int out, boolean bias) {
        float[] wt = w.tensor(prefix + ".weight", out, in);
        float[] b = bias ? w.tensor(prefix + ".bias", out) : null;
        int n = x.length / in;
        float[] y = new float[n * out];
        for (int r = 0; r < n; r++)
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) s += (double) x[r * in + i] * wt[o * in + i];
                y[r * out + o] = (float) s;
            }
        return y;
    }

    /** torch.nn.GroupNorm: biased variance over (C/G, H, W) per group, then a per-channel affine. */
    Nchw groupNorm(String prefix, Nchw x, int groups, double eps) {
        float[] gamma = w.tensor(prefix + ".weight", x.c());
        float[] beta = w.tensor(prefix + ".bias", x.c());
        int per = x.c() / groups * x.h() * x.w();
        float[] in = x.data(), y = new float[in.length];
        for (int g = 0; g < groups; g++) {
            int from = g * per;
            double mean = 0, var = 0;
            for (int i = from; i < from + per; i++) mean += in[i];
            mean /= per;
            for (int i = from; i < from + per; i++) var += (in[i] - mean) * (in[i] - mean);
            double inv = 1 / Math.sqrt(var / per + eps);
            for (int i = from; i < from + per; i++) {
                int c = i / (x.h() * x.w());
                y[i] = (float) ((in[i] - mean) * inv * gamma[c] + beta[c]);
            }
        }
        return new Nchw(y, x.c(), x.h(), x.w());
    }

    /** torch.nn.LayerNorm over the last axis of [n, d]. */
    float[] layerNorm(String prefix, float[] x, int d, double eps) {
        float[] gamma = w.tensor(prefix + ".weight", d);
        float[] beta = w.tensor(prefix + ".bias", d);
        float[] y = new float[x.length];
        for (int r = 0; r < x.length / d; r++) {
            double mean = 0, var = 0;
            for (int i = 0; i < d; i++) mean += x[r * d + i];
            mean /= d;
            for (int i = 0; i < d; i++) var += (x[r * d + i] - mean) * (x[r * d + i] - mean);
            double inv = 1 / Math.sqrt(var / d + eps);
            for (int i = 0; i < d; i++) y[r * d + i] = (float) ((x[r * d + i] - mean) * inv * gamma[i] + beta[i]);
        }
        return y;
    }

    /**
     * diffusers Attention / CLIPAttention: q from x [n, c], k and v from kv [m, ckv], {@code heads} heads of
     * c / heads, scores scaled by head_dim^-0.5, softmax, output projection with bias. With {@code causal}, query
     * i sees keys j ≤ i only (CLIP's causal mask: masked scores are -inf, so they get exactly zero weight).
     */
    float[] attention(String prefix, float[] x, int c, float[] kv, int ckv, int heads, String[] names, boolean qkvBias,
                      boolean causal) {
        int n = x.length / c, m = kv.length / ckv, d = c / heads;
        float[] q = linear(prefix + "." + names[0], x, c, c, qkvBias);
        float[] k = linear(prefix + "." + names[1], kv, ckv, c, qkvBias);
        float[] v = linear(prefix + "." + names[2], kv, ckv, c, qkvBias);
        double scale = 1 / Math.sqrt(d);
        float[] o = new float[n * c];
        double[] p = new double[m];
        for (int hd = 0; hd < heads; hd++)
            for (int i = 0; i < n; i++) {
                int keys = causal ? i + 1 : m;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < keys; j++) {
                    double s = 0;
                    for (int e = 0; e < d; e++) s += (double) q[i * c + hd * d + e] * k[j * c + hd * d + e];
                    p[j] = s * scale;
                    max = Math.max(max, p[j]);
                }
                double sum = 0;
                for (int j = 0; j < keys; j++) sum += p[j] = Math.exp(p[j] - max);
                for (int e = 0; e < d; e++) {
                    double s = 0;
                    for (int j = 0; j < keys; j++) s += p[j] * v[j * c + hd * d + e];
                    o[i * c + hd * d + e] = (float) (s / sum);
                }
            }
        return linear(prefix + "." + names[3], o, c, c, true);
    }

    static Nchw silu(Nchw x) {
        return new Nchw(silu(x.data()), x.c(), x.h(), x.w());
    }

    static float[] silu(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = (float) (x[i] / (1 + Math.exp(-x[i])));
        return y;
    }

    /** CLIP's quick_gelu: x * sigmoid(1.702 x). */
    static float[] quickGelu(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = (float) (x[i] / (1 + Math.exp(-1.702 * x[i])));
        return y;
    }

    /** torch.nn.functional.gelu with approximate="none", as diffusers' GEGLU uses: x Φ(x) = x (1 + erf(x / √2)) / 2. */
    static double gelu(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    /** GELU's tanh approximation, 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))): what the TFLite graphs compose. */
    static double geluTanh(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    /**
     * erf to double precision: the series erf(x) = 2/√π e^{-x²} Σ (2x²)^n x / (1·3·…·(2n+1)) has only positive
     * terms (no cancellation); past |x| = 6, 1 - erf is below 1e-17.
     */
    static double erf(double x) {
        double a = Math.abs(x);
        if (a >= 6) return Math.signum(x);
        double term = a, sum = a, x2 = 2 * a * a;
        for (int n = 1; term > 1e-17 * sum; n++) {
            term *= x2 / (2 * n + 1);
            sum += term;
        }
        return Math.copySign(2 / Math.sqrt(Math.PI) * Math.exp(-a * a) * sum, x);
    }

    static Nchw add(Nchw a, Nchw b) {
        return new Nchw(add(a.data(), b.data()), a.c(), a.h(), a.w());
    }

    static float[] add(float[] a, float[] b) {
        float[] y = new float[a.length];
        for (int i = 0; i < a.length; i++) y[i] = a[i] + b[i];
        return y;
    }

    /** torch.cat along channels. */
    static Nchw concat(Nchw a, Nchw b) {
        float[] y = new float[a.data().length + b.data().length];
        System.arraycopy(a.data(), 0, y, 0, a.data().length);
        System.arraycopy(b.data(), 0, y, a.data().length, b.data().length);
        return new Nchw(y, a.c() + b.c(), a.h(), a.w());
    }

    /** F.interpolate(scale_factor=2, mode="nearest"). */
    static Nchw upsampleNearest2x(Nchw x) {
        int h = x.h() * 2, w = x.w() * 2;
        float[] y = new float[x.c() * h * w];
        for (int c = 0; c < x.c(); c++)
            for (int yy = 0; yy < h; yy++)
                for (int xx = 0; xx < w; xx++) y[(c * h + yy) * w + xx] = x.data()[(c * x.h() + yy / 2) * x.w() + xx / 2];
        return new Nchw(y, x.c(), h, w);
    }

    /** [C, H, W] → [HW, C] (PyTorch's permute(0, 2, 3, 1).reshape). */
    static float[] toTokens(Nchw x) {
        return x.toNhwc();
    }

    static Nchw fromTokens(float[] t, int c, int h, int w) {
        return Nchw.fromNhwc(t, c, h, w);
    }
}
