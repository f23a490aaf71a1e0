package dev.snapfusion.studio.compare;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TableView;

/** The per-component latency, memory and size table; columns are named after the two runs. */
final class LatencyTable extends TableView<LatencyRow> {
    LatencyTable() {
        setId("latency-table");
        getStyleClass().add("latency-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setFixedCellSize(30);
        setPrefWidth(640);
        setMaxWidth(760);
        // Header plus seven rows, with no empty rows and no scroll bar.
        setPrefHeight(30 * 7 + 28);
        setMinHeight(USE_PREF_SIZE);
    }

    void show(ComparisonReport r) {
        getColumns().setAll(java.util.List.of(
                column("Component", LatencyRow::component, 200, false),
                column(r.runs().get(0).displayName(), LatencyRow::formatFirst, 140, true),
                column(r.runs().get(1).displayName(), LatencyRow::formatSecond, 140, true),
                ratioColumn(r)));
        getItems().setAll(r.latencyRows());
    }

    private static TableColumn<LatencyRow, String> ratioColumn(ComparisonReport r) {
        TableColumn<LatencyRow, String> c = column("", LatencyRow::formatRatio, 120, true);
        Label header = new Label(r.baseline().displayName() + " ÷ " + r.candidate().displayName());
        header.setTooltip(new Tooltip(r.baseline().displayName() + " ÷ " + r.candidate().displayName()
                + ": above 1 means " + r.candidate().displayName() + " needs less"));
        c.setGraphic(header);
        c.setId("ratio-column");
        return c;
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
