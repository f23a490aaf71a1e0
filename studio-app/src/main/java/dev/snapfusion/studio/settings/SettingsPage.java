package dev.snapfusion.studio.settings;

import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.studio.config.Theme;
import dev.snapfusion.studio.event.EventBus;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.ui.Banner;
import dev.snapfusion.studio.ui.Fields;
import dev.snapfusion.studio.ui.PageFrame;
import dev.snapfusion.studio.ui.PageHeader;
import dev.snapfusion.studio.ui.Themes;
import java.io.File;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/**
 * The studio's settings: where adb is, other adb servers, runner threads, Convert's default quantization and the theme,
 * kept in {@code <workspace>/settings/studio.properties}. The constructor lists the sections; each is built by its own
 * method. The theme takes effect (and is kept) as soon as it is picked; the rest on Apply.
 */
public final class SettingsPage extends ScrollPane {
    private final SettingsModel model;
    private final VBox content = new VBox();

    public SettingsPage(StudioServices services, EventBus bus) {
        model = new SettingsModel(services, bus);
        PageFrame.dress(this, content, "settings");
        content.getChildren().addAll(
                new PageHeader("Settings", "Where adb is, which other adb servers to list, how the runner and Convert "
                        + "start, and how the studio looks. Kept in the workspace for the next start."),
                appearanceSection(),
                formSection(),
                actionsSection(),
                new Banner("settings-error", Banner.Kind.ERROR, model.error));
        sceneProperty().addListener((o, old, now) -> {
            if (now != null && old == null) model.reload();   // shown again
        });
    }

    private VBox appearanceSection() {
        ToggleGroup group = new ToggleGroup();
        ToggleButton light = themeButton("theme-light", "Light", new FontIcon(MaterialDesignW.WHITE_BALANCE_SUNNY), Theme.LIGHT, group);
        ToggleButton dark = themeButton("theme-dark", "Dark", new FontIcon(MaterialDesignW.WEATHER_NIGHT), Theme.DARK, group);
        group.selectToggle(model.theme.get() == Theme.DARK ? dark : light);
        group.selectedToggleProperty().addListener((o, old, now) -> {
            if (now == null) {
                group.selectToggle(old);   // one theme is always picked
                return;
            }
            Theme t = (Theme) now.getUserData();
            model.theme.set(t);
            if (getScene() != null) Themes.apply(getScene(), t);
            model.saveTheme(t);
        });
        HBox toggles = new HBox(light, dark);
        toggles.getStyleClass().add("theme-toggles");
        Label title = new Label("Theme");
        title.getStyleClass().add("card-title");
        VBox card = new VBox(title, toggles, Fields.hint("Takes effect at once, on every page."));
        card.getStyleClass().add("card");
        return card;
    }

    private static ToggleButton themeButton(String id, String text, FontIcon icon, Theme theme, ToggleGroup group) {
        ToggleButton b = new ToggleButton(text, icon);
        b.setId(id);
        b.setUserData(theme);
        b.setToggleGroup(group);
        b.getStyleClass().add("theme-button");
        return b;
    }

    private VBox formSection() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("form-grid");
        Label workspace = new Label(model.workspace());
        workspace.setId("settings-workspace");
        workspace.getStyleClass().add("settings-value");
        grid.addRow(0, Fields.label("Workspace"), workspace, Fields.hint("Chosen when the studio starts: studio --workspace DIR, "
                + "$SNAPFUSION_HOME, else ~/.snapfusion-studio."));
        grid.addRow(1, Fields.label("adb"), adbField(), Fields.hint("Empty: the running adb server, else adb from PATH or "
                + "$ANDROID_HOME/platform-tools."));
        grid.addRow(2, Fields.label("Remote adb servers"), serversField(), Fields.hint("One host:port per line, e.g. an ssh "
                + "tunnel to another machine's adb server. The Devices page adds and removes them too."));
        grid.addRow(3, Fields.label("Runner threads"), threadsField(), Fields.hint("Empty: 1 on the virtual device (more "
                + "oversubscribes a 2-core host), 4 on a phone."));
        grid.addRow(4, Fields.label("Convert quantization"), quantField(), Fields.hint("What the Convert page offers first."));
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().addAll(labels, fields);
        Label title = new Label("Devices, runner and Convert");
        title.getStyleClass().add("card-title");
        VBox card = new VBox(title, grid);
        card.getStyleClass().add("card");
        return card;
    }

    private HBox adbField() {
        TextField path = new TextField();
        path.setId("settings-adb");
        path.setPromptText("auto-detect");
        path.setPrefColumnCount(30);
        path.textProperty().bindBidirectional(model.adbPath);
        Button browse = new Button("Browse…", new FontIcon(MaterialDesignF.FOLDER_OPEN));
        browse.setId("settings-adb-browse");
        browse.setTooltip(new Tooltip("Pick the adb program (platform-tools/adb)"));
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("adb program");
            File f = chooser.showOpenDialog(getScene().getWindow());
            if (f != null) model.adbPath.set(f.getAbsolutePath());
        });
        HBox box = new HBox(8, path, browse);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private TextArea serversField() {
        TextArea servers = new TextArea();
        servers.setId("settings-servers");
        servers.setPromptText("127.0.0.1:5038");
        servers.setPrefRowCount(3);
        servers.setPrefColumnCount(30);
        servers.textProperty().bindBidirectional(model.remoteServers);
        return servers;
    }

    private TextField threadsField() {
        TextField threads = new TextField();
        threads.setId("settings-threads");
        threads.setPromptText("auto");
        threads.setPrefColumnCount(6);
        threads.setMaxWidth(Region.USE_PREF_SIZE);
        threads.textProperty().bindBidirectional(model.runnerThreads);
        return threads;
    }

    private ComboBox<Quantization> quantField() {
        ComboBox<Quantization> quant = new ComboBox<>(FXCollections.observableArrayList(Quantization.values()));
        quant.setId("settings-quant");
        quant.valueProperty().bindBidirectional(model.quantization);
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
        return quant;
    }

    private HBox actionsSection() {
        Button apply = new Button("Apply", new FontIcon(MaterialDesignC.CHECK));
        apply.setId("settings-apply");
        apply.getStyleClass().add("accent");
        apply.setTooltip(new Tooltip("Check the fields, save them in the workspace and use them now"));
        apply.setDefaultButton(true);
        apply.disableProperty().bind(model.busy);
        apply.setOnAction(e -> model.apply());
        Button revert = new Button("Revert", new FontIcon(MaterialDesignU.UNDO));
        revert.setId("settings-revert");
        revert.setTooltip(new Tooltip("Show the saved settings again"));
        revert.disableProperty().bind(model.busy);
        revert.setOnAction(e -> model.revert());
        Label status = new Label();
        status.setId("settings-status");
        status.getStyleClass().add("status");
        status.setWrapText(true);
        status.textProperty().bind(model.status);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox box = new HBox(apply, revert, status);
        box.getStyleClass().add("actions");
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
