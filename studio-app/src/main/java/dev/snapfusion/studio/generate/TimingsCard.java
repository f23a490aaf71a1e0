package dev.snapfusion.studio.generate;

import dev.snapfusion.runner.protocol.RunTimings;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The last run's image and where its time went: text encoder, UNet per step, decoder, total, peak memory. */
final class TimingsCard extends VBox {
    private static final double IMAGE_SIZE = 256;
    private final GridPane grid = new GridPane();
    private final Label placeholder = new Label("The image appears here when the run is done.");

    TimingsCard(GenerateModel model) {
        getStyleClass().addAll("card", "result-card");
        Label title = new Label("Result");
        title.getStyleClass().add("card-title");
        ImageView view = new ImageView();
        view.setId("gen-image");
        view.setFitWidth(IMAGE_SIZE);
        view.setFitHeight(IMAGE_SIZE);
        view.setPreserveRatio(true);
        view.setSmooth(false);
        view.imageProperty().bind(model.image);
        placeholder.getStyleClass().add("status");
        placeholder.setWrapText(true);
        placeholder.visibleProperty().bind(model.image.isNull());
        StackPane frame = new StackPane(placeholder, view);
        frame.getStyleClass().add("image-frame");
        frame.setMinSize(IMAGE_SIZE, IMAGE_SIZE);
        frame.setMaxSize(IMAGE_SIZE, IMAGE_SIZE);
        frame.setAlignment(Pos.CENTER);
        grid.setId("gen-timings");
        grid.getStyleClass().add("facts-grid");
        getChildren().addAll(title, frame, grid);
        model.timings.addListener((obs, old, t) -> show(t));
    }

    private void show(RunTimings t) {
        grid.getChildren().clear();
        if (t == null) return;
        List<Double> steps = t.unetPerStepMs();
        double unet = steps.stream().mapToDouble(Double::doubleValue).sum();
        double load = t.loadMs().values().stream().mapToDouble(Double::doubleValue).sum();
        int r = 0;
        row(r++, "Device", t.device());
        row(r++, "Runtime", t.runtime().isEmpty() ? "not recorded" : t.runtime());
        row(r++, "Bundle", t.bundleId() + " (" + t.quantization() + ", " + t.mode() + ")");
        row(r++, "Text encoder", GenerateInputs.ms(t.textEncoderMs()));
        row(r++, "UNet", String.format(Locale.ROOT, "%s for %d steps, %s per step", GenerateInputs.ms(unet),
                steps.size(), GenerateInputs.ms(steps.isEmpty() ? 0 : unet / steps.size())));
        row(r++, "Decoder", GenerateInputs.ms(t.decoderMs()));
        row(r++, "Loading models", GenerateInputs.ms(load));
        row(r++, "Total", GenerateInputs.ms(t.totalMs()));
        if (!Double.isNaN(t.blockOverheadMs())) {
            row(r++, "Blockwise overhead", GenerateInputs.ms(t.blockOverheadMs()) + " per UNet pass, outside the blocks");
        }
        row(r, "Peak memory", t.peakMemoryKb() <= 0 ? "not reported"
                : String.format(Locale.ROOT, "%.0f MB", t.peakMemoryKb() / 1024.0) + phasePeaks(t));
    }

    /** " (text encoder 610 MB, UNet 4,591 MB, decoder 2,370 MB)" when the run reports per-phase peaks. */
    private static String phasePeaks(RunTimings t) {
        if (t.peakMemoryKbByComponent().isEmpty()) return "";
        StringBuilder b = new StringBuilder(" (");
        t.peakMemoryKbByComponent().forEach((k, v) -> b.append(b.length() > 2 ? ", " : "")
                .append(k.replace('_', ' ')).append(String.format(Locale.ROOT, " %,.0f MB", v / 1024.0)));
        return b.append(")").toString();
    }

    private void row(int i, String name, String value) {
        Label n = new Label(name);
        n.getStyleClass().add("fact-name");
        Label v = new Label(value);
        v.getStyleClass().add("fact-value");
        v.setId("timing-" + name.toLowerCase(Locale.ROOT).replace(' ', '-'));
        v.setWrapText(true);
        grid.addRow(i, n, v);
    }
}
