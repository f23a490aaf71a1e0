package dev.snapfusion.studio.convert;

import dev.snapfusion.studio.layout.PageHeader;
import dev.snapfusion.studio.layout.PlannedFeatures;
import java.util.List;
import javafx.scene.layout.VBox;

/** Turning diffusers checkpoints into TFLite bundles. A description until the converter UI is wired in. */
public final class ConvertPage extends VBox {
    public ConvertPage() {
        getStyleClass().addAll("page", "convert-page");
        getChildren().addAll(
                new PageHeader("Convert", "Turn SD-v1.5 or SnapFusion checkpoints into a TFLite model bundle."),
                new PlannedFeatures("This page will", List.of(
                        "pick a diffusers folder (unet, vae, text_encoder, tokenizer, scheduler) or a built-in demo source",
                        "choose a quantization recipe per component, with per-block overrides",
                        "report leftover and missing tensors by name, then write the bundle and its manifest")));
    }
}
