package dev.snapfusion.studio.convert;

import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.studio.event.EventBus;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.ui.ActionRow;
import dev.snapfusion.studio.ui.Banner;
import dev.snapfusion.studio.ui.Fields;
import dev.snapfusion.studio.ui.PageFrame;
import dev.snapfusion.studio.ui.PageHeader;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/**
 * Turning a model source into a TFLite bundle: source, recipe, output folder, then progress and a
 * summary of what was written. The constructor lists the sections; each is built by its own method.
 */
public final class ConvertPage extends ScrollPane {
    private final ConvertModel model;
    private final VBox content = new VBox();

    public ConvertPage(StudioServices services, EventBus bus) {
        model = new ConvertModel(services, bus);
        PageFrame.dress(this, content, "convert");
        content.getChildren().addAll(
                new PageHeader("Convert", "Turn a SnapFusion or SD-v1.5 pipeline into a TFLite bundle: a manifest "
                        + "and .tflite files for the text encoder, the UNet (whole and block by block) and the decoder."),
                formSection(),
                actionsSection(),
                new Banner("convert-error", Banner.Kind.ERROR, model.error),
                resultSection(bus));
    }

    private VBox formSection() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("form-grid");
        grid.addRow(0, Fields.label("Source"), sourceField(), sourceHint());
        grid.addRow(1, Fields.label("Quantization"), quantField(), quantHint());
        grid.addRow(2, Fields.label("Output folder"), outField(), Fields.hint("Written to a temporary folder first and "
                + "renamed when complete."));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().addAll(labels, fields);
        VBox card = new VBox(grid);
        card.getStyleClass().add("card");
        return card;
    }

    private HBox sourceField() {
        ComboBox<String> source = new ComboBox<>(FXCollections.observableArrayList(ConvertModel.DEMO_SNAPFUSION,
                ConvertModel.DEMO_SD15));
        source.setId("convert-source");
        source.setEditable(true);
        source.setPrefWidth(300);
        source.valueProperty().bindBidirectional(model.source);
        Button file = new Button("File…", new FontIcon(MaterialDesignF.FILE_DOCUMENT_OUTLINE));
        file.setOnAction(e -> chooseSourceFile());
        Button folder = new Button("Folder…", new FontIcon(MaterialDesignF.FOLDER_OPEN));
        folder.setOnAction(e -> chooseSourceFolder());
        file.setMinWidth(Region.USE_PREF_SIZE);
        folder.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(8, source, file, folder);
        box.setAlignment(Pos.CENTER_LEFT);
        box.disableProperty().bind(model.busy);
        return box;
    }

    private Label sourceHint() {
        Label l = Fields.hint("");
        l.setId("convert-source-hint");
        l.textProperty().bind(model.sourceHint);
        return l;
    }

    private ComboBox<Quantization> quantField() {
        ComboBox<Quantization> quant = new ComboBox<>(FXCollections.observableArrayList(Quantization.values()));
        quant.setId("convert-quant");
        quant.setPrefWidth(300);
        quant.valueProperty().bindBidirectional(model.quant);
        quant.setConverter(new StringConverter<>() {
            @Override
            public String toString(Quantization q) {
                return q == null ? "" : q.cliName();
            }

            @Override
            public Quantization fromString(String s) {
                return Quantization.parse(s);
            }
        });
        quant.disableProperty().bind(model.busy);
        return quant;
    }

    private Label quantHint() {
        Label l = Fields.hint("");
        l.textProperty().bind(Bindings.createStringBinding(() -> describeQuant(model.quant.get()), model.quant));
        return l;
    }

    private HBox outField() {
        TextField out = new TextField();
        out.setId("convert-out");
        out.setPrefWidth(300);
        out.textProperty().bindBidirectional(model.outDir);
        Button browse = new Button("Choose…", new FontIcon(MaterialDesignF.FOLDER_OPEN));
        browse.setOnAction(e -> chooseOutFolder());
        browse.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(8, out, browse);
        box.setAlignment(Pos.CENTER_LEFT);
        box.disableProperty().bind(model.busy);
        return box;
    }

    private ActionRow actionsSection() {
        Button run = new Button("Convert", new FontIcon(MaterialDesignP.PLAY_CIRCLE));
        run.setId("convert-run");
        run.getStyleClass().add("accent");
        run.setDefaultButton(true);
        run.disableProperty().bind(model.busy);
        run.setOnAction(e -> model.convert());
        return new ActionRow("convert", model.progress, model.busy, model.status, run);
    }

    private ConvertResultCard resultSection(EventBus bus) {
        ConvertResultCard card = new ConvertResultCard(bus);
        card.visibleProperty().bind(model.result.isNotNull());
        card.managedProperty().bind(card.visibleProperty());
        model.result.addListener((obs, old, b) -> {
            if (b != null) card.show(b);
        });
        return card;
    }

    private void chooseSourceFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose a pipeline preset");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Pipeline preset (*.json)", "*.json"));
        File f = chooser.showOpenDialog(getScene().getWindow());
        if (f != null) model.source.set(f.getAbsolutePath());
    }

    private void chooseSourceFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Choose a diffusers folder (unet, vae, text_encoder, tokenizer, scheduler)");
        File f = chooser.showDialog(getScene().getWindow());
        if (f != null) model.source.set(f.getAbsolutePath());
    }

    private void chooseOutFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Choose where the bundle folder goes");
        Path current = Path.of(model.outDir.get()).toAbsolutePath();
        if (current.getParent() != null && Files.isDirectory(current.getParent())) {
            chooser.setInitialDirectory(current.getParent().toFile());
        }
        File f = chooser.showDialog(getScene().getWindow());
        if (f != null) model.outDir.set(f.toPath().resolve(ConvertModel.slug(model.source.get()) + "-"
                + model.quant.get().cliName()).toString());
    }

    static String describeQuant(Quantization q) {
        if (q == null) return "";
        switch (q) {
            case FP32: return "Full precision: the reference for accuracy.";
            case FP16: return "Half-size weights, expanded to fp32 when the model loads.";
            case INT8_DYNAMIC: return "8-bit weights with dynamic-range activations.";
            case INT8_WEIGHT: return "8-bit weights only; compute stays in float.";
            default: return "";
        }
    }
}
