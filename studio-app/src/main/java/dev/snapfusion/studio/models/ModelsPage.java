package dev.snapfusion.studio.models;

import dev.snapfusion.studio.bundles.BundleEntry;
import dev.snapfusion.studio.event.BundleConvertedEvent;
import dev.snapfusion.studio.event.EventBus;
import dev.snapfusion.studio.event.NavigateEvent;
import dev.snapfusion.studio.event.PageId;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.ui.ActionRow;
import dev.snapfusion.studio.ui.Banner;
import dev.snapfusion.studio.ui.PageFrame;
import dev.snapfusion.studio.ui.PageHeader;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/**
 * The bundles in the workspace: their size, cost and image check against fp32; the selected one's components and UNet
 * blocks; converting again with per-component and per-block overrides; deleting; pushing to several devices at once.
 * The constructor lists the sections; each is built by its own method.
 */
public final class ModelsPage extends ScrollPane {
    private static final KeyCombination CONVERT_KEY = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);

    private final ModelsModel model;
    private final BundleTable table;
    private final VBox content = new VBox();

    public ModelsPage(StudioServices services, EventBus bus) {
        model = new ModelsModel(services, bus);
        table = new BundleTable(model.bundles);
        PageFrame.dress(this, content, "models");
        content.getChildren().addAll(
                new PageHeader("Models", "The bundles in the workspace: size, cost and how close their image comes to "
                        + "fp32. Convert again with other precisions per component or UNet block, delete, or push to "
                        + "several devices at once."),
                new Banner("models-error", Banner.Kind.ERROR, model.error),
                bundlesSection(),
                detailsSection(),
                convertSection());
        keyboard();
        // Bundles written elsewhere since the last visit (the Convert page, the CLI) show up on every visit.
        bus.subscribe(NavigateEvent.class, e -> {
            if (e.page() == PageId.MODELS) model.refresh();
        });
        bus.subscribe(BundleConvertedEvent.class, e -> model.refresh(e.bundleDir()));
        model.refresh();
    }

    private VBox bundlesSection() {
        table.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> model.selected.set(now));
        model.onSelect(b -> {
            table.getSelectionModel().select(b);
            table.scrollTo(b);
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox card = new VBox(table, bundleActions());
        card.getStyleClass().addAll("card", "models-card");
        return card;
    }

    private HBox bundleActions() {
        ObservableBooleanValue none = model.selected.isNull().or(model.busy);
        Button delete = button("models-delete", "Delete…", new FontIcon(MaterialDesignD.DELETE_OUTLINE),
                "Delete the selected bundle's folder, after asking (Delete)", none);
        delete.setOnAction(e -> confirmDelete());
        Button push = button("models-push", "Push to…", new FontIcon(MaterialDesignC.CELLPHONE_ARROW_DOWN),
                "Push the selected bundle to one or more devices at once",
                Bindings.createBooleanBinding(() -> model.selected.get() == null || model.selected.get().broken(),
                        model.selected));
        push.setOnAction(e -> choosePushTargets());
        Button refresh = button("models-refresh", "", new FontIcon(MaterialDesignR.REFRESH),
                "Read the bundles folder again", model.busy);
        refresh.setOnAction(e -> model.refresh());
        Label count = new Label();
        count.setId("models-count");
        count.getStyleClass().add("status");
        count.textProperty().bind(Bindings.createStringBinding(() -> model.bundles.size()
                + (model.bundles.size() == 1 ? " bundle" : " bundles"), model.bundles));
        count.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(push, delete, refresh, spacer, count);
        box.getStyleClass().add("actions");
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private BundleDetails detailsSection() {
        BundleDetails details = new BundleDetails();
        details.visibleProperty().bind(model.selected.isNotNull());
        details.managedProperty().bind(details.visibleProperty());
        model.selected.addListener((o, old, b) -> {
            if (b != null) details.show(b);
        });
        return details;
    }

    private VBox convertSection() {
        Label title = new Label("Convert with overrides", new FontIcon(MaterialDesignP.PLAY_CIRCLE_OUTLINE));
        title.getStyleClass().add("card-title");
        Label hint = new Label("Selecting a bundle fills in its source and recipe. A row left at “as the recipe” keeps "
                + "the quantization above; a UNet block's row wins over the unet row; the typed overrides come last "
                + "(docs/quantization.md).");
        hint.getStyleClass().add("field-hint");
        hint.setWrapText(true);
        OverrideSheet sheet = new OverrideSheet(model.form);
        sheet.disableProperty().bind(model.busy);
        PauseTransition settle = new PauseTransition(Duration.millis(400));
        settle.setOnFinished(e -> model.lookUpBlocks());
        model.form.source.addListener((o, a, b) -> settle.playFromStart());
        model.lookUpBlocks();
        VBox card = new VBox(title, hint, sheet, convertActions());
        card.getStyleClass().addAll("card", "models-convert");
        return card;
    }

    private ActionRow convertActions() {
        Button run = button("models-convert", "Convert", new FontIcon(MaterialDesignP.PLAY_CIRCLE),
                "Convert the source with these overrides into the output folder (Ctrl+Enter)", model.busy);
        run.getStyleClass().add("accent");
        run.setOnAction(e -> model.convert());
        return new ActionRow("models", model.progress, model.busy, model.status, run);
    }

    /** Delete on the table asks to delete the selected bundle; Ctrl+Enter anywhere on the page converts. */
    private void keyboard() {
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DELETE && model.selected.get() != null && !model.busy.get()) {
                e.consume();
                confirmDelete();
            }
        });
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (CONVERT_KEY.match(e)) {
                e.consume();
                model.convert();
            }
        });
    }

    private void confirmDelete() {
        BundleEntry b = model.selected.get();
        if (b == null) return;
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, model.deleteQuestion(b), ButtonType.OK, ButtonType.CANCEL);
        ask.setTitle("Delete bundle");
        ask.setHeaderText("Delete bundle " + b.name() + "?");
        ask.getDialogPane().setId("models-delete-dialog");
        ask.initOwner(getScene().getWindow());
        if (ask.showAndWait().filter(r -> r == ButtonType.OK).isPresent()) model.delete(b);
    }

    private void choosePushTargets() {
        BundleEntry b = model.selected.get();
        if (b == null) return;
        model.pushTargets(devices -> {
            PushDialog d = new PushDialog(b, devices, model.push(b));
            d.initOwner(getScene().getWindow());
            d.show();
        });
    }

    private static Button button(String id, String text, FontIcon icon, String tip, ObservableBooleanValue disabled) {
        Button b = new Button(text, icon);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.disableProperty().bind(disabled);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }
}
