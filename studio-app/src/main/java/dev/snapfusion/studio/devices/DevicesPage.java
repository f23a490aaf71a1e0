package dev.snapfusion.studio.devices;

import dev.snapfusion.studio.event.EventBus;
import dev.snapfusion.studio.event.SettingsAppliedEvent;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.ui.Banner;
import dev.snapfusion.studio.ui.PageFrame;
import dev.snapfusion.studio.ui.PageHeader;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

/**
 * Phones on every adb server and the virtual device, updated live as phones are plugged in, with the facts and the
 * contents of the selected one, and one-click pushes of a bundle to the selected devices (Ctrl+P). The constructor lists
 * the sections; each is built by its own method.
 */
public final class DevicesPage extends ScrollPane {
    static final KeyCombination PUSH_KEY = new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN);

    private final DevicesModel model;
    private final PushModel pushes;
    private final ContentsModel contents;
    private final VBox content = new VBox();

    public DevicesPage(StudioServices services, EventBus bus) {
        model = new DevicesModel(services, bus);
        pushes = new PushModel(services);
        contents = new ContentsModel(services);
        PageFrame.dress(this, content, "devices");
        content.getChildren().addAll(
                new PageHeader("Devices", "Phones on local and remote adb servers, and the virtual device that runs "
                        + "on this computer's CPU. The list follows phones as they are plugged in and out."),
                serverSection(),
                messagesSection(),
                pushSection(),
                listSection());
        wire(bus);
        model.startWatching();
        pushes.scanBundles();
    }

    /** What the models tell one another: a selection shows its contents, a push or new settings refresh what they touch. */
    private void wire(EventBus bus) {
        model.selected.addListener((o, old, now) -> contents.show(now));   // a new state is a new record, so this fires
        pushes.onPushed(contents::refreshIf);
        pushes.localNames.addListener((javafx.collections.MapChangeListener<String, String>) c ->
                contents.knownBundles(pushes.localNames));
        bus.subscribe(SettingsAppliedEvent.class, e -> model.settingsApplied(e.linkChanged()));
        sceneProperty().addListener((o, old, scene) -> {
            if (scene != null) scene.getAccelerators().put(PUSH_KEY, () -> pushIfShowing(scene));
        });
    }

    /** Ctrl+P belongs to this page only while it is the one on show. */
    private void pushIfShowing(Scene scene) {
        if (getScene() == scene) pushSelected();
    }

    private void pushSelected() {
        pushes.push(List.copyOf(model.chosen));
    }

    private VBox serverSection() {
        TextField address = new TextField();
        address.setId("remote-server");
        address.setPromptText("host:port of another adb server, e.g. 127.0.0.1:5038");
        address.setPrefColumnCount(28);
        BooleanBinding locked = model.busy.or(pushes.running);
        Button add = new Button("Add adb server", new FontIcon(MaterialDesignS.SERVER_PLUS));
        add.setId("add-server");
        add.setTooltip(new Tooltip("List the devices of another adb server too (kept for the next start). "
                + "Not while pushing: it reopens the device link."));
        add.disableProperty().bind(locked);
        add.setOnAction(e -> model.addRemoteServer(address.getText()));
        address.setOnAction(e -> add.fire());

        Label status = new Label();
        status.setId("devices-status");
        status.getStyleClass().add("status");
        status.textProperty().bind(model.status);
        HBox row = new HBox(address, add, status);
        row.getStyleClass().add("actions");
        row.setAlignment(Pos.CENTER_LEFT);
        ServerChips chips = new ServerChips(model, locked);
        chips.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.servers));
        chips.managedProperty().bind(chips.visibleProperty());
        return new VBox(8, row, chips);
    }

    /** Errors, then warnings; the section takes no room while all are empty. */
    private VBox messagesSection() {
        Banner devices = new Banner("devices-error", Banner.Kind.ERROR, model.error);
        Banner push = new Banner("push-error", Banner.Kind.ERROR, pushes.error);
        Banner warnings = new Banner("devices-warnings", Banner.Kind.WARNING, model.warnings);
        VBox box = new VBox(8, devices, push, warnings);
        box.visibleProperty().bind(devices.visibleProperty().or(push.visibleProperty()).or(warnings.visibleProperty()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private HBox pushSection() {
        Label label = new Label("Bundle");
        label.getStyleClass().add("field-label");
        ComboBox<Path> bundle = new ComboBox<>(pushes.bundles);
        bundle.setId("push-bundle");
        bundle.setPrefWidth(300);
        bundle.setPromptText("No bundle yet: convert one first");
        bundle.valueProperty().bindBidirectional(pushes.bundle);
        bundle.setConverter(new StringConverter<>() {
            @Override
            public String toString(Path p) {
                if (p == null) return "";
                return p.startsWith(pushes.bundlesDir()) ? p.getFileName().toString() : p.toString();
            }

            @Override
            public Path fromString(String s) {
                return s == null || s.isBlank() ? null : Path.of(s);
            }
        });
        bundle.setOnShowing(e -> pushes.scanBundles());
        Button browse = new Button("Browse…", new FontIcon(MaterialDesignF.FOLDER_OPEN));
        browse.setId("push-browse");
        browse.setTooltip(new Tooltip("Pick a bundle folder elsewhere on disk (it holds manifest.json)"));
        browse.setOnAction(e -> chooseBundle());

        Button push = new Button("Push", new FontIcon(MaterialDesignU.UPLOAD));
        push.setId("push");
        push.getStyleClass().add("accent");
        push.setTooltip(new Tooltip("Push the bundle to every selected online device at once; files already there and "
                + "verified are skipped (Ctrl+P)"));
        push.setOnAction(e -> pushSelected());
        Button cancelAll = new Button("Cancel all", new FontIcon(MaterialDesignC.CLOSE_CIRCLE_MULTIPLE_OUTLINE));
        cancelAll.setId("push-cancel-all");
        cancelAll.setTooltip(new Tooltip("Stop every push that is still running"));
        cancelAll.disableProperty().bind(pushes.running.not());
        cancelAll.setOnAction(e -> pushes.cancelAll());

        Label status = new Label();
        status.setId("push-status");
        status.getStyleClass().add("status");
        status.setWrapText(true);
        status.textProperty().bind(pushes.status);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox box = new HBox(label, bundle, browse, push, cancelAll, status);
        box.getStyleClass().addAll("actions", "push-bar");
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void chooseBundle() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Bundle folder");
        Path start = pushes.bundle.get() != null ? pushes.bundle.get().getParent() : pushes.bundlesDir();
        if (start != null && Files.isDirectory(start)) chooser.setInitialDirectory(start.toFile());
        File dir = chooser.showDialog(getScene().getWindow());
        if (dir != null) pushes.choose(dir.toPath());
    }

    private HBox listSection() {
        DeviceTable table = new DeviceTable(model);
        VBox left = new VBox(16, table, new PushList(pushes));
        HBox.setHgrow(left, Priority.ALWAYS);
        VBox side = new VBox(16, new DeviceFactsCard(model), new DeviceContentsCard(contents));
        side.getStyleClass().add("devices-side");
        HBox box = new HBox(left, side);
        box.getStyleClass().add("devices-row");
        return box;
    }
}
