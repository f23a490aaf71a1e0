package dev.snapfusion.studio.compare;

import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.report.LatencyRow;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/** The per-component latency, memory and size table; columns are named after the two runs. */
final class LatencyTable extends TableView<LatencyRow> {
    LatencyTable() {
        setId("latency-table");
        getStyleClass().add("latency-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setFixedCellSize(30);
        setPrefWidth(640);
        setMaxWidth(760);
        setMinHeight(USE_PREF_SIZE);
    }

    void show(ComparisonReport r) {
        getColumns().setAll(java.util.List.of(
                TextColumns.of("Component", LatencyRow::component, 200, false),
                TextColumns.of(r.runs().get(0).displayName(), LatencyRow::formatFirst, 140, true),
                TextColumns.of(r.runs().get(1).displayName(), LatencyRow::formatSecond, 140, true),
                ratioColumn(r)));
        getItems().setAll(r.latencyRows());
        // Header plus every row (7 to 11, depending on what the runs report): no empty rows and no scroll bar.
        setPrefHeight(getFixedCellSize() * getItems().size() + 28);
    }

    private static TableColumn<LatencyRow, String> ratioColumn(ComparisonReport r) {
        TableColumn<LatencyRow, String> c = TextColumns.of("", LatencyRow::formatRatio, 120, true);
        Label header = new Label(r.baseline().displayName() + " ÷ " + r.candidate().displayName());
        header.setTooltip(new Tooltip(r.baseline().displayName() + " ÷ " + r.candidate().displayName()
                + ": above 1 means " + r.candidate().displayName() + " needs less"));
        c.setGraphic(header);
        c.setId("ratio-column");
        return c;
    }
}
