package dev.snapfusion.studio.history;

import dev.snapfusion.studio.runs.RunEntry;
import dev.snapfusion.studio.ui.TableColumns;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;

/** The runs, one row each: thumbnail, prompt, variant, device, bundle, steps, runtime, created and total time. */
final class RunTable extends TableView<RunEntry> {
    static final double THUMB = 56;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int CACHED_THUMBS = 300;

    /** Thumbnails load in the background once per run; rows are recycled while scrolling. */
    private final Map<String, Image> thumbs = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Image> eldest) {
            return size() > CACHED_THUMBS;
        }
    };

    RunTable(ObservableList<RunEntry> runs) {
        SortedList<RunEntry> sorted = new SortedList<>(runs);
        sorted.comparatorProperty().bind(comparatorProperty());
        setItems(sorted);
        setId("history-table");
        getStyleClass().add("history-table");
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Label empty = new Label("No runs match. Runs made on the Generate page, with `studio generate` or by the demo "
                + "are listed here, also after a restart.");
        empty.setWrapText(true);
        setPlaceholder(empty);
        getColumns().add(thumbColumn());
        getColumns().add(TableColumns.wrapped("Prompt", 260, e -> e.prompt().replace('\n', ' ')));
        getColumns().add(fixed(TableColumns.text("Variant", 92, RunEntry::variant)));
        getColumns().add(fixed(TableColumns.text("Device", 120, e -> TableColumns.beforeParenthesis(e.device()), RunEntry::device)));
        getColumns().add(fixed(TableColumns.text("Bundle", 90, e -> TableColumns.shortId(e.bundle()), RunEntry::bundle)));
        getColumns().add(fixed(stepsColumn()));
        getColumns().add(fixed(TableColumns.text("Runtime", 110, e -> TableColumns.beforeParenthesis(e.runtime()), RunEntry::runtime)));
        getColumns().add(fixed(createdColumn()));
        getColumns().add(fixed(totalColumn()));
    }

    /** Short values that must stay readable when the constrained policy shares out the width. */
    private static <T> TableColumn<RunEntry, T> fixed(TableColumn<RunEntry, T> c) {
        c.setMinWidth(c.getPrefWidth());
        return c;
    }

    private TableColumn<RunEntry, RunEntry> thumbColumn() {
        TableColumn<RunEntry, RunEntry> c = new TableColumn<>("");
        c.setPrefWidth(THUMB + 16);
        c.setMinWidth(THUMB + 16);
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private final ImageView view = new ImageView();

            {
                view.setFitWidth(THUMB);
                view.setFitHeight(THUMB);
                view.setPreserveRatio(true);
                view.getStyleClass().add("history-thumb");
            }

            @Override
            protected void updateItem(RunEntry e, boolean empty) {
                super.updateItem(e, empty);
                if (empty || e == null) {
                    setGraphic(null);
                    return;
                }
                view.setImage(thumbs.computeIfAbsent(e.id(),
                        id -> new Image(e.image().toUri().toString(), THUMB, THUMB, true, true, true)));
                setGraphic(view);
            }
        });
        return c;
    }

    private static TableColumn<RunEntry, Integer> stepsColumn() {
        TableColumn<RunEntry, Integer> c = new TableColumn<>("Steps");
        c.setPrefWidth(58);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().steps()));
        return c;
    }

    private static TableColumn<RunEntry, OffsetDateTime> createdColumn() {
        TableColumn<RunEntry, OffsetDateTime> c = new TableColumn<>("Created");
        c.setPrefWidth(142);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().created()));
        c.setComparator((a, b) -> a.toInstant().compareTo(b.toInstant()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(OffsetDateTime t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : t.atZoneSameInstant(ZoneId.systemDefault()).format(WHEN));
            }
        });
        return c;
    }

    private static TableColumn<RunEntry, Double> totalColumn() {
        TableColumn<RunEntry, Double> c = new TableColumn<>("Total");
        c.setPrefWidth(96);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().totalMs()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double ms, boolean empty) {
                super.updateItem(ms, empty);
                setText(empty || ms == null ? null : ms.isNaN() ? "?" : String.format(Locale.ROOT, "%,.0f ms", ms));
            }
        });
        return c;
    }
}
