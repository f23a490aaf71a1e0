package dev.snapfusion.runner.bundle;

import java.util.List;

/** One converted component (text_encoder, unet, vae_decoder): its .tflite file and its signature. */
public record Component(String name, String file, long params, long flops, List<TensorSpec> inputs, List<TensorSpec> outputs) {
    public Component {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
