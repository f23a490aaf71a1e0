package dev.snapfusion.bridge.tflite;

/**
 * How a constant weight is stored in the .tflite file. FP32 as is; FP16 as float16 data followed by a
 * DEQUANTIZE op (XNNPACK folds it, see FACTS.md).
 */
public enum WeightFormat {
    FP32, FP16
}
