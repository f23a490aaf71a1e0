package dev.snapfusion.studio.compare;

import dev.snapfusion.studio.event.EventBus;
import dev.snapfusion.studio.event.ReportReadyEvent;
import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.report.RunSummary;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.ui.ActionRow;
import dev.snapfusion.studio.ui.FolderChooser;
import dev.snapfusion.studio.ui.PageFrame;
import dev.snapfusion.studio.ui.PageHeader;
import dev.snapfusion.studio.ui.PulseQueue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/**
 * SnapFusion against SD-v1.5: images side by side, the latency table and per-block times by stage.
 * The constructor lists the sections; each is built by its own method.
 */
public final class ComparePage extends ScrollPane {
    private final CompareModel model;
    private final VBox content = new VBox();
    private final LatencyTable latencyTable = new LatencyTable();
    private final BlockChart blockChart = new BlockChart();
    private final BlockTable blockTable = new BlockTable();
    private final BlockDeltaTable blockDeltaTable = new BlockDeltaTable();
    private final ImageCompareView imageView = new ImageCompareView();
    private final VBox blockCard = new VBox();
    private final HBox images = new HBox();
    private final Label prompt = new Label();
    private final Label summary = new Label();
    private final PulseQueue sections = new PulseQueue();

    public ComparePage(StudioServices services, EventBus bus) {
        model = new CompareModel(services);
        PageFrame.dress(this, content, "compare");
        content.getChildren().addAll(
                new PageHeader("Compare", "SnapFusion at 8 steps against SD-v1.5 at 50 steps: same prompt, same seed, "
                        + "on the same device."),
                actionsSection(),
                errorSection(),
                emptySection(),
                resultSection());
        model.report.addListener((obs, old, r) -> showReport(r));
        bus.subscribe(ReportReadyEvent.class, e -> model.show(e.reportDir(), e.report()));
    }

    private ActionRow actionsSection() {
        Button run = new Button("Run demo comparison", new FontIcon(MaterialDesignP.PLAY_CIRCLE));
        run.setId("run-demo");
        run.getStyleClass().add("accent");
        run.setDefaultButton(true);
        run.disableProperty().bind(model.busyProperty());
        run.setOnAction(e -> model.runDemo());

        Button open = new Button("Open report…", new FontIcon(MaterialDesignF.FOLDER_OPEN));
        open.setId("open-report");
        open.disableProperty().bind(model.busyProperty());
        open.setOnAction(e -> chooseReport());

        Button export = new Button("Export…", new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignE.EXPORT));
        export.setId("export-report");
        export.setTooltip(new javafx.scene.control.Tooltip("Write report.html (charts included), report.json, both images "
                + "and the difference map to a folder, as studio compare does (Ctrl+E)"));
        export.disableProperty().bind(model.busyProperty().or(model.report.isNull()));
        export.setOnAction(e -> chooseExport());
        sceneProperty().addListener((o, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.E,
                        javafx.scene.input.KeyCombination.SHORTCUT_DOWN), () -> {
                            if (!export.isDisabled() && isVisible()) export.fire();
                        });
            }
        });

        return new ActionRow("demo", model.progress, model.busyProperty(), model.status, run, open, export);
    }

    private HBox errorSection() {
        Label error = new Label("", new FontIcon(MaterialDesignA.ALERT_CIRCLE));
        error.setId("compare-error");
        error.getStyleClass().add("error-banner");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(model.error);
        error.visibleProperty().bind(model.error.isNotEmpty());
        HBox.setHgrow(error, Priority.ALWAYS);
        HBox box = new HBox(8, error, dev.snapfusion.studio.ui.ErrorDetails.button("compare-error-details"));
        box.setAlignment(Pos.CENTER_LEFT);
        box.visibleProperty().bind(model.error.isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private VBox emptySection() {
        Label title = new Label("No comparison yet");
        title.getStyleClass().add("card-title");
        Label text = new Label("Run the demo comparison to convert both models, push them to the device, generate "
                + "the same prompt with each and compare them here. Or open a report folder written earlier "
                + "(it holds report.json, report.html and the two images).");
        text.setWrapText(true);
        VBox box = new VBox(title, text);
        box.setId("compare-empty");
        box.getStyleClass().addAll("card", "empty-state");
        box.visibleProperty().bind(model.report.isNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private VBox resultSection() {
        prompt.getStyleClass().add("prompt");
        prompt.setWrapText(true);
        summary.setId("compare-summary");
        summary.getStyleClass().add("summary");
        summary.setWrapText(true);

        images.getStyleClass().add("images");
        VBox chartCard = new VBox(sectionTitle("Per-block UNet time by stage"), blockChart);
        chartCard.getStyleClass().addAll("card", "chart-card");
        HBox.setHgrow(chartCard, Priority.ALWAYS);
        // Images and the block chart share the first row so one screen shows both; the table spans the next.
        HBox top = new HBox(images, chartCard);
        top.getStyleClass().add("result-row");
        top.setFillHeight(false);
        images.setFillHeight(false);
        imageView.setPrefHeight(460);
        imageView.setMinHeight(300);
        VBox box = new VBox(prompt, summary, imageView, top, tableCard(), blockDeltaCard(), blockCard());
        box.getStyleClass().add("result");
        box.visibleProperty().bind(model.report.isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private VBox tableCard() {
        VBox card = new VBox(sectionTitle("Latency, memory and size"), latencyTable);
        card.getStyleClass().addAll("card", "table-card");
        return card;
    }

    /** Every block of both runs, sortable. */
    private VBox blockDeltaCard() {
        VBox card = new VBox(sectionTitle("Per-block UNet time (blockwise medians; click a header to sort)"), blockDeltaTable);
        card.getStyleClass().addAll("card", "table-card");
        card.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(blockDeltaTable.getItems()));
        card.managedProperty().bind(card.visibleProperty());
        return card;
    }

    /** Blockwise beside op-profile block times; hidden unless a run has op_profile.json. */
    private VBox blockCard() {
        blockCard.getChildren().setAll(sectionTitle("Per-block UNet time: blockwise and op profile (ops ms)"), blockTable);
        blockCard.getStyleClass().addAll("card", "table-card");
        blockCard.setVisible(false);
        blockCard.managedProperty().bind(blockCard.visibleProperty());
        return blockCard;
    }

    private static Label sectionTitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("card-title");
        return l;
    }

    private void chooseReport() {
        FolderChooser.of(getScene()).choose(getScene().getWindow(), "Open a comparison report folder", reportsFolder())
                .ifPresent(model::openReport);
    }

    private void chooseExport() {
        FolderChooser.of(getScene()).choose(getScene().getWindow(), "Export the comparison to a folder", reportsFolder())
                .ifPresent(model::export);
    }

    private Path reportsFolder() {
        return model.reportDir.get() != null ? model.reportDir.get().getParent() : null;
    }

    private void showReport(ComparisonReport r) {
        if (r == null) return;
        prompt.setText("Prompt: “" + r.prompt() + "”");
        summary.setText(String.format(Locale.ROOT, "%s takes a UNet step %.1f× faster than %s, and the whole "
                        + "generation %.1f× faster.", r.candidate().displayName(), r.unetStepSpeedup(),
                r.baseline().displayName(), r.totalSpeedup()) + (r.adherenceSummary().isEmpty() ? "" : "\n" + r.adherenceSummary()));
        List<RunImageCard> cards = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (RunSummary run : r.runs()) {
            String id = "image-" + run.variant();
            if (ids.contains(id)) id = id + "-2";
            ids.add(id);
            cards.add(new RunImageCard(run, id));
        }
        images.getChildren().setAll(cards);
        // The tables and the chart make their rows' nodes in their first layout: one section, or a few rows, per
        // frame keeps each frame short (the whole-job watchdog caught 88 ms of FX work when all came in one).
        List<Runnable> steps = new ArrayList<>();
        steps.add(() -> { });   // the frame that reveals the result section and lays out the images does no more
        steps.addAll(latencyTable.show(r));
        steps.add(() -> blockChart.show(r));
        steps.addAll(blockDeltaTable.show(r));
        steps.addAll(blockTable.show(r));
        steps.add(() -> blockCard.setVisible(!r.blockRows().isEmpty()));
        sections.replace(steps);
        model.imageDiff(r, diff -> imageView.show(r.runs().get(0), r.runs().get(1), diff));
    }

    /** False while a report's tables and chart are still being filled, a few rows per frame. */
    public javafx.beans.property.ReadOnlyBooleanProperty settledProperty() {
        return sections.idleProperty();
    }
}
