package dev.snapfusion.studio.compare;

import dev.snapfusion.studio.report.RunSummary;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** One run's image at a fixed size with its caption, so both runs are seen at the same scale. */
final class RunImageCard extends VBox {
    static final double IMAGE_SIZE = 200;

    RunImageCard(RunSummary run, String id) {
        getStyleClass().addAll("card", "image-card");
        // Decoded on JavaFX's loader thread, not the FX thread: the same synchronous decode on Generate held the
        // window 0.7 s on a busy machine (WholeJobAdbUiTest's watchdog caught it).
        ImageView view = new ImageView(new Image(run.image().toUri().toString(), true));
        view.setId(id);
        view.setFitWidth(IMAGE_SIZE);
        view.setFitHeight(IMAGE_SIZE);
        view.setPreserveRatio(true);
        view.setSmooth(true);
        StackPane frame = new StackPane(view);
        frame.getStyleClass().add("image-frame");
        frame.setMinSize(IMAGE_SIZE, IMAGE_SIZE);
        frame.setMaxSize(IMAGE_SIZE, IMAGE_SIZE);

        Label title = new Label(run.displayName());
        title.getStyleClass().add("image-title");
        Label caption = new Label(String.format(Locale.ROOT, "%d steps · %,.0f ms total", run.timings().steps(),
                run.timings().totalMs()));
        caption.getStyleClass().add("image-caption");
        Label device = new Label(run.device() + " · " + run.timings().width() + "×" + run.timings().height()
                + " · seed " + run.timings().seed()
                + (run.timings().runtime().isEmpty() ? "" : " · " + run.timings().runtime()));
        device.getStyleClass().add("image-detail");
        device.setWrapText(true);
        getChildren().addAll(frame, title, caption, device);
        // Captions wrap under the image instead of widening the card and squeezing the chart beside it.
        setMaxWidth(IMAGE_SIZE + 24);
        setPrefWidth(IMAGE_SIZE + 24);
    }
}
