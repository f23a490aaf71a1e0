package dev.snapfusion.bridge.tflite;

/**
 * How one weight tensor is stored in the .tflite file and what the runtime does with it.
 * {@code *_DEQUANT} encodings add a DEQUANTIZE op so the consumer computes in fp32 (XNNPACK folds the
 * fp16 case, see FACTS.md); {@code INT8_HYBRID_*} feed int8 straight into a hybrid kernel, which
 * quantizes the activations on the fly (TFLite "dynamic range" quantization).
 * {@code INT8_DEQUANT_PER_CHANNEL} is int8 with one scale per output channel (quantized_dimension 0) and one
 * DEQUANTIZE (version 5, registered by 2.16.1). 2.6.2's DEQUANTIZE ignored per-channel scales, so until session 3
 * it was written as scale-1 int8 + DEQUANTIZE + a MUL by the scales (docs/decisions.md).
 */
public enum WeightEncoding {
    FP32(4, false), FP16_DEQUANT(2, false),
    INT8_HYBRID_PER_TENSOR(1, false), INT8_HYBRID_PER_CHANNEL(1, true),
    INT8_DEQUANT_PER_TENSOR(1, false), INT8_DEQUANT_PER_CHANNEL(1, true);

    private final int bytesPerValue;
    private final boolean perChannel;

    WeightEncoding(int bytesPerValue, boolean perChannel) {
        this.bytesPerValue = bytesPerValue;
        this.perChannel = perChannel;
    }

    public int bytesPerValue() {
        return bytesPerValue;
    }

    public boolean perChannel() {
        return perChannel;
    }

    public boolean int8() {
        return bytesPerValue == 1;
    }

    public boolean dequantized() {
        return this == FP16_DEQUANT || this == INT8_DEQUANT_PER_TENSOR || this == INT8_DEQUANT_PER_CHANNEL;
    }
}
