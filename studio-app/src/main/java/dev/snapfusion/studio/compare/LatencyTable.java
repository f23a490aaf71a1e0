package dev.snapfusion.studio.compare;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The per-component latency, memory and size table; columns are named after the two runs. */
final class LatencyTable extends TableView<LatencyRow> {
    LatencyTable() {
        setId("latency-table");
        getStyleClass().add("latency-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setFixedCellSize(30);
        setPrefWidth(440);
        // Header plus seven rows, with no empty rows and no scroll bar.
        setPrefHeight(30 * 7 + 34);
        setMinHeight(USE_PREF_SIZE);
    }

    void show(ComparisonReport r) {
        getColumns().setAll(java.util.List.of(
                column("Component", LatencyRow::component, 150, false),
                column(r.runs().get(0).displayName(), LatencyRow::formatFirst, 95, true),
                column(r.runs().get(1).displayName(), LatencyRow::formatSecond, 95, true),
                column(r.baseline().displayName() + " ÷ " + r.candidate().displayName(), LatencyRow::formatRatio, 95,
                        true)));
        getItems().setAll(r.latencyRows());
    }

    private static TableColumn<LatencyRow, String> column(String title, Function<LatencyRow, String> value, double width,
                                                          boolean numeric) {
        TableColumn<LatencyRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setReorderable(false);
        if (numeric) c.getStyleClass().add("numeric");
        return c;
    }
}
