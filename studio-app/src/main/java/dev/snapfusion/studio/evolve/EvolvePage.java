package dev.snapfusion.studio.evolve;

import dev.snapfusion.studio.evolution.Action;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.ui.ActionRow;
import dev.snapfusion.studio.ui.Banner;
import dev.snapfusion.studio.ui.Fields;
import dev.snapfusion.studio.ui.PageFrame;
import dev.snapfusion.studio.ui.PageHeader;
import java.io.File;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/**
 * The evolution explorer (docs/evolve.md): bundle, device and latency target; then the removals ranked by importance
 * per ms saved and the greedy path as latency against quality. The constructor lists the sections.
 */
public final class EvolvePage extends ScrollPane {
    private final EvolveModel model;
    private final VBox content = new VBox();

    public EvolvePage(StudioServices services) {
        model = new EvolveModel(services);
        PageFrame.dress(this, content, "evolve");
        content.getChildren().addAll(
                new PageHeader("Evolve", "Rank UNet blocks by quality lost per ms saved on a device and remove the "
                        + "cheapest until a latency target is met (SnapFusion's Algorithm 1, without its fine-tuning: the "
                        + "scores say where to look)."),
                formSection(),
                actionsSection(),
                new Banner("evolve-error", Banner.Kind.ERROR, model.error),
                chartSection(),
                tableSection());
    }

    private VBox formSection() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("form-grid");
        grid.addRow(0, Fields.label("Bundle"), bundleField(), Fields.hint("A converted bundle folder (manifest.json + block files)."));
        grid.addRow(1, Fields.label("Device"), field("evolve-device", model.device), Fields.hint("Serial or virtual: whose latency "
                + "table. Measured once with a blockwise run if the workspace has none."));
        grid.addRow(2, Fields.label("Target"), field("evolve-target", model.targetMs), Fields.hint("UNet ms per denoising step, "
                + "both guidance passes (like unet_per_step)."));
        grid.addRow(3, Fields.label("Seeds × steps"), new HBox(8, field("evolve-seeds", model.seeds), field("evolve-steps", model.steps)),
                Fields.hint("Probe runs per skip set: 3 fixed prompts × seeds, each this many steps."));
        VBox card = new VBox(grid);
        card.getStyleClass().add("card");
        card.disableProperty().bind(model.busy);
        return card;
    }

    private HBox bundleField() {
        TextField f = field("evolve-bundle", model.bundle);
        f.setPrefWidth(300);
        Button choose = new Button("Folder…", new FontIcon(MaterialDesignF.FOLDER_OPEN));
        choose.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            File dir = c.showDialog(getScene() == null ? null : getScene().getWindow());
            if (dir != null) model.bundle.set(dir.toString());
        });
        HBox box = new HBox(8, f, choose);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private ActionRow actionsSection() {
        Button run = new Button("Explore", new FontIcon(MaterialDesignP.PLAY));
        run.setId("evolve-run");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(model.busy);
        run.setOnAction(e -> model.run());
        return new ActionRow("evolve", model.progress, model.busy, model.status, run);
    }

    private VBox chartSection() {
        PathChart chart = new PathChart();
        Label notes = new Label();
        notes.setId("evolve-notes");
        notes.getStyleClass().add("field-hint");
        notes.setWrapText(true);
        model.result.addListener((o, a, r) -> {
            chart.show(r);
            notes.setText(r == null ? "" : String.join("\n", EvolveModel.notes(r)));
        });
        VBox card = new VBox(8, title("Greedy path: latency against quality"), chart, notes);
        card.setId("evolve-path-card");
        card.getStyleClass().add("card");
        card.visibleProperty().bind(model.result.isNotNull());
        card.managedProperty().bind(card.visibleProperty());
        return card;
    }

    private VBox tableSection() {
        TableView<Action> table = new TableView<>();
        table.setId("evolve-actions");
        table.getColumns().add(column("Block", Action::block));
        table.getColumns().add(column("ms saved", a -> fmt("%.2f", a.msSaved())));
        table.getColumns().add(column("Importance", a -> fmt("%.5f", a.importance())));
        table.getColumns().add(column("Value (lower = better removal)", a -> fmt("%.4g", a.value())));
        table.getColumns().add(column("SSIM alone", a -> fmt("%.4f", a.quality().ssim())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPrefHeight(360);
        model.result.addListener((o, a, r) -> table.setItems(r == null ? FXCollections.observableArrayList()
                : FXCollections.observableArrayList(r.search().actions())));
        VBox card = new VBox(8, title("Removals ranked by importance per ms saved"), table);
        card.setId("evolve-table-card");
        card.getStyleClass().add("card");
        card.visibleProperty().bind(model.result.isNotNull());
        card.managedProperty().bind(card.visibleProperty());
        return card;
    }

    private static TableColumn<Action, String> column(String name, Function<Action, String> value) {
        TableColumn<Action, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    private static String fmt(String f, double v) {
        return Double.isInfinite(v) ? "∞" : String.format(Locale.ROOT, f, v);
    }

    private static TextField field(String id, StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(8);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("card-title");
        return l;
    }
}
