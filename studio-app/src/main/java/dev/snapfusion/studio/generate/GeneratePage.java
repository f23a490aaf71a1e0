package dev.snapfusion.studio.generate;

import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.studio.event.BundleConvertedEvent;
import dev.snapfusion.studio.event.DevicesChangedEvent;
import dev.snapfusion.studio.event.EventBus;
import dev.snapfusion.studio.event.RunOpenedEvent;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.ui.ActionRow;
import dev.snapfusion.studio.ui.Banner;
import dev.snapfusion.studio.ui.Fields;
import dev.snapfusion.studio.ui.PageFrame;
import dev.snapfusion.studio.ui.PageHeader;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * Running a bundle on a device with a prompt: the form, live steps from the runner, the image and its
 * timings, and this session's runs to compare. The constructor lists the sections; each is built by its own method.
 */
public final class GeneratePage extends ScrollPane {
    static final KeyCombination RUN_KEY = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);

    private static final String OTHER_FOLDER = "A run folder on disk…";
    private final GenerateModel model;
    private final VBox content = new VBox();

    public GeneratePage(StudioServices services, EventBus bus) {
        model = new GenerateModel(services, bus);
        PageFrame.dress(this, content, "generate");
        content.getChildren().addAll(
                new PageHeader("Generate", "Run a bundle on a device with your prompt, seed, steps and CFG. The bundle "
                        + "is pushed first when the device lacks it."),
                new Banner("gen-error", Banner.Kind.ERROR, model.error),
                columns(new VBox(formSection(), logSection()), new VBox(new TimingsCard(model), runsSection())));
        bus.subscribe(DevicesChangedEvent.class, e -> model.setDevices(e.devices()));
        bus.subscribe(RunOpenedEvent.class, e -> model.open(e.runDir()));
        bus.subscribe(BundleConvertedEvent.class, e -> {
            model.offerBundle(e.bundleDir().toString());
            model.bundle.set(e.bundleDir().toString());
        });
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (RUN_KEY.match(e)) {
                e.consume();
                if (!model.busy.get()) model.run();
            }
        });
        model.refresh();
    }

    private VBox formSection() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("form-grid");
        grid.addRow(0, Fields.label("Device"), deviceField());
        grid.addRow(1, Fields.label("Bundle"), bundleField());
        grid.addRow(2, Fields.label("Prompt"), promptField());
        grid.addRow(3, Fields.label("Negative"), negativeField());
        grid.addRow(4, Fields.label("Sampling"), samplingFields());
        grid.addRow(5, Fields.label("Method"), methodFields());
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        VBox card = new VBox(grid, actions());
        card.getStyleClass().addAll("card", "form-card");
        return card;
    }

    private HBox deviceField() {
        ComboBox<DeviceInfo> devices = new ComboBox<>(model.devices);
        devices.setId("gen-device");
        devices.setPrefWidth(330);
        devices.valueProperty().bindBidirectional(model.device);
        devices.setConverter(new StringConverter<>() {
            @Override
            public String toString(DeviceInfo d) {
                if (d == null) return "";
                String name = d.virtual() ? "Virtual device (host CPU)" : (d.model() == null || d.model().isBlank()
                        ? d.serial() : d.model().replace('_', ' ') + "  " + d.serial());
                return d.online() || d.virtual() ? name : name + " (" + d.state() + ")";
            }

            @Override
            public DeviceInfo fromString(String s) {
                return null;
            }
        });
        Button refresh = new Button("", new FontIcon(MaterialDesignR.REFRESH));
        refresh.setTooltip(new Tooltip("List the devices again"));
        refresh.setOnAction(e -> model.refresh());
        return disabledWhileBusy(new HBox(8, devices, refresh));
    }

    private HBox bundleField() {
        ComboBox<String> bundles = new ComboBox<>(model.bundles);
        bundles.setId("gen-bundle");
        bundles.setEditable(true);
        bundles.setPrefWidth(330);
        bundles.setPromptText("a bundle folder (with manifest.json)");
        bundles.valueProperty().bindBidirectional(model.bundle);
        Button browse = new Button("", new FontIcon(MaterialDesignF.FOLDER_OPEN));
        browse.setTooltip(new Tooltip("Choose a bundle folder"));
        browse.setOnAction(e -> chooseBundle());
        return disabledWhileBusy(new HBox(8, bundles, browse));
    }

    private TextArea promptField() {
        TextArea prompt = new TextArea();
        prompt.setId("gen-prompt");
        prompt.setPrefRowCount(3);
        prompt.setWrapText(true);
        prompt.textProperty().bindBidirectional(model.prompt);
        prompt.disableProperty().bind(model.busy);
        return prompt;
    }

    private TextField negativeField() {
        TextField negative = new TextField();
        negative.setId("gen-negative");
        negative.setPromptText("what the image should not show (optional)");
        negative.textProperty().bindBidirectional(model.negativePrompt);
        negative.disableProperty().bind(model.busy);
        return negative;
    }

    private HBox samplingFields() {
        TextField seed = smallField("gen-seed", "42", model.seed);
        TextField steps = smallField("gen-steps", "default", model.steps);
        steps.setTooltip(new Tooltip("Denoising steps; empty uses the bundle's default (8 for SnapFusion)"));
        TextField cfg = smallField("gen-cfg", "default", model.cfg);
        cfg.setTooltip(new Tooltip("Classifier-free guidance scale; empty uses the bundle's default"));
        Button dice = new Button("", new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignD.DICE_5));
        dice.setId("gen-seed-dice");
        dice.setTooltip(new Tooltip("A random seed"));
        dice.setOnAction(e -> model.rollSeed());
        HBox box = new HBox(8, inlineLabel("Seed"), seed, dice, inlineLabel("Steps"), steps, inlineLabel("CFG"), cfg);
        box.setAlignment(Pos.CENTER_LEFT);
        return disabledWhileBusy(box);
    }

    /** Sampler and timing mode on their own row, so the sampling fields keep their width. */
    private HBox methodFields() {
        ComboBox<String> timing = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(GenerateModel.TIMINGS));
        timing.setId("gen-timing");
        timing.valueProperty().bindBidirectional(model.timing);
        timing.setTooltip(new Tooltip("Whole UNet: the latency you would ship. Each UNet block: every block also run as its own "
                + "model, so Compare can chart per-block times. Op profile: the whole UNet with TFLite's op profiler "
                + "(op_profile.json; the virtual device's desktop runtime only)."));
        ComboBox<String> scheduler = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(GenerateModel.SCHEDULERS));
        scheduler.setId("gen-scheduler");
        scheduler.valueProperty().bindBidirectional(model.scheduler);
        scheduler.setTooltip(new Tooltip("Sampler; the bundle default is DDIM with the schedule the weights were trained with"));
        HBox box = new HBox(8, inlineLabel("Sampler"), scheduler, inlineLabel("Timing"), timing);
        box.setAlignment(Pos.CENTER_LEFT);
        return disabledWhileBusy(box);
    }

    private HBox actions() {
        Button run = new Button("Run", new FontIcon(MaterialDesignP.PLAY_CIRCLE));
        run.setId("gen-run");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(model.busy);
        run.setOnAction(e -> model.run());
        run.setTooltip(new Tooltip("Push the bundle if the device lacks it, then generate (Ctrl+Enter)"));
        run.setMinWidth(Region.USE_PREF_SIZE);
        Button cancel = new Button("Cancel", new FontIcon(MaterialDesignS.STOP_CIRCLE_OUTLINE));
        cancel.setId("gen-cancel");
        cancel.setTooltip(new Tooltip("Stop the push or the run on the device (Esc)"));
        cancel.visibleProperty().bind(model.busy);
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> model.cancel());
        cancel.setCancelButton(true);
        return new ActionRow("gen", model.progress, model.busy, model.status, run, cancel);
    }

    private VBox logSection() {
        ListView<String> log = new ListView<>(model.log);
        log.setId("gen-log");
        log.setPrefHeight(190);
        log.setPlaceholder(new Label("The runner's events (models loaded, each step with its time) appear here live."));
        model.log.addListener((javafx.collections.ListChangeListener<String>) c -> log.scrollTo(model.log.size() - 1));
        VBox card = new VBox(cardTitle("Runner events"), log);
        card.getStyleClass().add("card");
        VBox.setVgrow(card, Priority.ALWAYS);
        VBox.setVgrow(log, Priority.ALWAYS);
        return card;
    }

    private VBox runsSection() {
        ListView<RunRecord> runs = new ListView<>(model.runs);
        runs.setId("gen-runs");
        runs.setPrefHeight(120);
        runs.setPlaceholder(new Label("Runs are listed here: this session's and the recent ones of the workspace."));
        runs.getSelectionModel().selectedItemProperty().addListener((obs, old, r) -> {
            if (r != null) model.selectedRun.set(r);
        });
        model.selectedRun.addListener((obs, old, r) -> runs.getSelectionModel().select(r));
        Button compare = new Button("Compare with…", new FontIcon(MaterialDesignC.COMPARE_HORIZONTAL));
        compare.setId("gen-compare");
        compare.disableProperty().bind(model.selectedRun.isNull().or(model.busy));
        compare.setOnAction(e -> chooseComparison());
        compare.setTooltip(new Tooltip("Compare the selected run with another one on the Compare page"));
        compare.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(cardTitle("Runs"), spacer, compare);
        top.setAlignment(Pos.CENTER_LEFT);
        runs.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(RunRecord r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.label());
                setWrapText(true);
                setPrefWidth(0);
                setTooltip(empty || r == null ? null : new Tooltip(r.dir().toString()));
            }
        });
        VBox card = new VBox(top, runs);
        card.getStyleClass().addAll("card", "runs-card");
        return card;
    }

    /** Offers the other runs of this session, or a run folder from disk. */
    private void chooseComparison() {
        RunRecord a = model.selectedRun.get();
        List<String> choices = new java.util.ArrayList<>();
        for (RunRecord r : model.runs) if (!r.equals(a)) choices.add(r.label());
        choices.add(OTHER_FOLDER);
        ChoiceDialog<String> dialog = new ChoiceDialog<>(choices.get(0), choices);
        dialog.setTitle("Compare with…");
        dialog.setHeaderText("Compare " + a.label() + " with:");
        dialog.initOwner(getScene().getWindow());
        Optional<String> pick = dialog.showAndWait();
        if (pick.isEmpty()) return;
        if (!pick.get().equals(OTHER_FOLDER)) {
            model.runs.stream().filter(r -> r.label().equals(pick.get())).findFirst()
                    .ifPresent(b -> model.compare(a, b.dir()));
            return;
        }
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Choose a run folder (with image.png and timings.json)");
        if (a.dir().getParent() != null && Files.isDirectory(a.dir().getParent())) {
            chooser.setInitialDirectory(a.dir().getParent().toFile());
        }
        File dir = chooser.showDialog(getScene().getWindow());
        if (dir != null) model.compare(a, dir.toPath());
    }

    private void chooseBundle() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Choose a bundle folder (with manifest.json)");
        String current = model.bundle.get();
        if (current != null && !current.isBlank()) {
            Path parent = Path.of(current).toAbsolutePath().getParent();
            if (parent != null && Files.isDirectory(parent)) chooser.setInitialDirectory(parent.toFile());
        }
        File dir = chooser.showDialog(getScene().getWindow());
        if (dir != null) {
            model.offerBundle(dir.getAbsolutePath());
            model.bundle.set(dir.getAbsolutePath());
        }
    }

    private HBox disabledWhileBusy(HBox box) {
        box.setAlignment(Pos.CENTER_LEFT);
        box.disableProperty().bind(model.busy);
        return box;
    }

    /** The form and what the runner says on the left; the image, timings and runs on the right. */
    private static HBox columns(VBox left, VBox right) {
        left.getStyleClass().add("generate-column");
        right.getStyleClass().addAll("generate-column", "generate-side");
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox box = new HBox(left, right);
        box.getStyleClass().add("generate-row");
        return box;
    }

    private static TextField smallField(String id, String prompt, javafx.beans.property.StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(5);
        f.setMinWidth(Region.USE_PREF_SIZE);   // never squeezed to nothing by the row's other controls
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private static Label inlineLabel(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label cardTitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("card-title");
        return l;
    }
}
