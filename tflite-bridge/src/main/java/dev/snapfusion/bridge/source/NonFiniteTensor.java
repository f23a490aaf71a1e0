package dev.snapfusion.bridge.source;

import java.util.List;

/**
 * A checkpoint tensor holding NaN or ±Inf values, as {@link StrictCheckpoint} finds it while the
 * converter reads it (one pass over the decoded floats; nothing is read twice). A bundle built from
 * such weights produces NaN images, so the converter refuses it unless told to go on.
 *
 * @param component  text_encoder, unet, vae (the strict loader's component)
 * @param tensor     the name as stored in the checkpoint (an LDM file's own name, not the diffusers one)
 * @param nan        how many values are NaN
 * @param inf        how many are +Inf or -Inf
 * @param firstIndex flat (row-major) index of the first non-finite value
 */
public record NonFiniteTensor(String component, String tensor, long nan, long inf, long firstIndex) {
    /** How many tensors a message names before "and N more". */
    public static final int LIST_LIMIT = 10;

    /** The non-finite values of {@code values}, or null when all are finite (the common case: one tight loop). */
    static NonFiniteTensor scan(String component, String tensor, float[] values) {
        int first = 0;
        while (first < values.length && Float.isFinite(values[first])) first++;
        if (first == values.length) return null;
        long nan = 0, inf = 0;
        for (int i = first; i < values.length; i++) {
            if (Float.isNaN(values[i])) nan++;
            else if (Float.isInfinite(values[i])) inf++;
        }
        return new NonFiniteTensor(component, tensor, nan, inf, first);
    }

    /** {@code unet: conv_in.weight (1 NaN, 2 Inf, first at index 5)}. */
    public String summary() {
        StringBuilder s = new StringBuilder(component).append(": ").append(tensor).append(" (");
        if (nan > 0) s.append(nan).append(" NaN");
        if (nan > 0 && inf > 0) s.append(", ");
        if (inf > 0) s.append(inf).append(" Inf");
        return s.append(", first at index ").append(firstIndex).append(')').toString();
    }

    /** The first {@value #LIST_LIMIT} summaries, then "and N more". */
    public static String list(List<NonFiniteTensor> tensors) {
        List<String> shown = tensors.stream().limit(LIST_LIMIT).map(NonFiniteTensor::summary).toList();
        String head = String.join("; ", shown);
        return tensors.size() > LIST_LIMIT ? head + "; and " + (tensors.size() - LIST_LIMIT) + " more" : head;
    }
}
