package dev.snapfusion.bridge.convert;

import dev.snapfusion.runner.bundle.TensorSpec;
import dev.snapfusion.runner.tflite.TfliteModel;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/** Runs a converted file and its fp32 twin in TFLite 2.6.2 on the same random inputs and compares the outputs. */
final class ParityCheck {
    private ParityCheck() {
    }

    static ConversionReport.Parity compare(Path fp32, Path quantized, List<TensorSpec> inputs, int intRange, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Object[] in = new Object[inputs.size()];
        for (int i = 0; i < in.length; i++) {
            TensorSpec s = inputs.get(i);
            int n = s.shape().stream().mapToInt(Integer::intValue).reduce(1, (a, b) -> a * b);
            if (s.dtype().equals("int32")) {
                int[] v = new int[n];
                for (int j = 0; j < n; j++) v[j] = r.nextInt(intRange);
                in[i] = v;
            } else {
                float[] v = new float[n];
                for (int j = 0; j < n; j++) v[j] = (float) gaussian(r);
                in[i] = v;
            }
        }
        float[] a, b;
        try (TfliteModel m = TfliteModel.load(fp32.toFile(), 2, true)) {
            a = m.run(in)[0];
        }
        try (TfliteModel m = TfliteModel.load(quantized.toFile(), 2, true)) {
            b = m.run(in)[0];
        }
        double ab = 0, aa = 0, bb = 0, max = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        double cos = aa == 0 && bb == 0 ? 1 : ab / Math.sqrt(aa * bb);
        return new ConversionReport.Parity("fp32", cos, max, seed);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
