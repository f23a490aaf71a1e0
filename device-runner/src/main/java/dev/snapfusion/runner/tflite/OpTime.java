package dev.snapfusion.runner.tflite;

/**
 * One TFLite node's time over the profiled invokes of a model ({@link OpProfiling}).
 *
 * @param type TFLite op type ({@code CONV_2D}, …), or {@link #DELEGATE} for a delegate partition whose time could not
 *     be split per node
 * @param name what ran it: {@link #BUILTIN_KERNEL}, XNNPACK's operator names joined by {@code " + "}, or why the node
 *     has no operator of its own (folded into a neighbour by XNNPACK)
 * @param tensor the node's first output tensor; the converter names the whole UNet's tensors {@code <block id>/t<n>}
 * @param ms mean time per invoke
 * @param calls how many profiled invokes the mean is over
 * @param partition the node's XNNPACK partition (0, 1, … in execution order), or {@link #NO_PARTITION}
 */
public record OpTime(String type, String name, String tensor, double ms, int calls, int partition) {
    public static final String DELEGATE = "DELEGATE";
    public static final String BUILTIN_KERNEL = "builtin kernel";
    public static final int NO_PARTITION = -1;

    public OpTime {
        if (!(ms >= 0)) throw new IllegalArgumentException("op time must be >= 0, got " + ms + " for " + tensor);
    }
}
