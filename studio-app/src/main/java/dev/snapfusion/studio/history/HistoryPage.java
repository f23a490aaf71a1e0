package dev.snapfusion.studio.history;

import dev.snapfusion.studio.event.EventBus;
import dev.snapfusion.studio.event.NavigateEvent;
import dev.snapfusion.studio.event.PageId;
import dev.snapfusion.studio.runs.RunEntry;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.ui.Banner;
import dev.snapfusion.studio.ui.PageFrame;
import dev.snapfusion.studio.ui.PageHeader;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignO;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/**
 * Every run in the workspace, also after a restart, whoever made it: filter them, open one on the Generate page,
 * compare two on the Compare page, delete one. The constructor lists the sections; each is built by its own method.
 */
public final class HistoryPage extends ScrollPane {
    private final HistoryModel model;
    private final RunTable table;
    private final VBox content = new VBox();

    public HistoryPage(StudioServices services, EventBus bus) {
        model = new HistoryModel(services, bus);
        table = new RunTable(model.shown);
        PageFrame.dress(this, content, "history");
        content.getChildren().addAll(
                new PageHeader("History", "Every run in the workspace, made here, with “studio generate” or by the demo, "
                        + "also after a restart. Open one, compare two, or delete what you no longer need."),
                new Banner("history-error", Banner.Kind.ERROR, model.error),
                new Banner("history-warning", Banner.Kind.WARNING, model.warning),
                filterSection(),
                tableSection());
        // Runs made elsewhere since the last visit (another page, the CLI) show up on every visit.
        bus.subscribe(NavigateEvent.class, e -> {
            if (e.page() == PageId.HISTORY) model.refresh();
        });
        model.refresh();
    }

    private HBox filterSection() {
        DatePicker since = new DatePicker();
        since.setId("history-since");
        since.setPromptText("since (date)");
        since.setPrefWidth(150);
        since.valueProperty().bindBidirectional(model.since);
        Button clear = new Button("Clear");
        clear.setId("history-clear");
        clear.setOnAction(e -> clearFilters());
        HBox box = new HBox(filterField("history-prompt", "prompt contains…", model.prompt, 260),
                filterField("history-device", "device", model.device, 150),
                filterField("history-bundle", "bundle", model.bundle, 150),
                filterField("history-variant", "variant", model.variant, 110), since, clear);
        box.getStyleClass().addAll("card", "history-filters");
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private VBox tableSection() {
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox card = new VBox(table, actions());
        card.getStyleClass().addAll("card", "history-card");
        return card;
    }

    private HBox actions() {
        var selected = table.getSelectionModel().getSelectedItems();
        BooleanBinding notOne = Bindings.size(selected).isNotEqualTo(1).or(model.busy);
        Button open = button("history-open", "Open", new FontIcon(MaterialDesignO.OPEN_IN_APP),
                "Show the run's image and timings on the Generate page", notOne);
        open.getStyleClass().add("accent");
        open.setOnAction(e -> model.open(selected.get(0)));
        Button compare = button("history-compare", "Compare", new FontIcon(MaterialDesignC.COMPARE_HORIZONTAL),
                "Compare the two selected runs on the Compare page (select two with Ctrl or Shift)",
                Bindings.size(selected).isNotEqualTo(2).or(model.busy));
        compare.setOnAction(e -> model.compare(selected.get(0), selected.get(1)));
        Button delete = button("history-delete", "Delete…", new FontIcon(MaterialDesignD.DELETE_OUTLINE),
                "Remove the run from the history (and its folder, when it lies in the workspace)", notOne);
        delete.setOnAction(e -> confirmDelete(selected.get(0)));
        Button refresh = button("history-refresh", "", new FontIcon(MaterialDesignR.REFRESH), "Read the history again",
                model.busy);
        refresh.setOnAction(e -> model.refresh());
        Label status = new Label();
        status.setId("history-status");
        status.getStyleClass().add("status");
        status.setWrapText(true);
        status.textProperty().bind(model.status);
        HBox.setHgrow(status, Priority.ALWAYS);
        Label count = new Label();
        count.setId("history-count");
        count.getStyleClass().add("status");
        count.textProperty().bind(Bindings.createStringBinding(() -> model.shown.size() + " of " + model.all.size()
                + " runs", model.shown, model.all));
        count.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(open, compare, delete, refresh, status, count);
        box.getStyleClass().add("actions");
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void confirmDelete(RunEntry e) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, model.deleteConsequence(e), ButtonType.OK, ButtonType.CANCEL);
        ask.setTitle("Delete run");
        ask.setHeaderText("Delete run " + e.id() + "?");
        ask.initOwner(getScene().getWindow());
        if (ask.showAndWait().filter(b -> b == ButtonType.OK).isPresent()) model.delete(e);
    }

    private void clearFilters() {
        for (StringProperty p : List.of(model.prompt, model.device, model.bundle, model.variant)) p.set("");
        model.since.set(null);
    }

    private static Button button(String id, String text, FontIcon icon, String tip,
                                 javafx.beans.value.ObservableBooleanValue disabled) {
        Button b = new Button(text, icon);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.disableProperty().bind(disabled);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    private static TextField filterField(String id, String prompt, StringProperty value, double width) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefWidth(width);
        f.textProperty().bindBidirectional(value);
        return f;
    }
}
