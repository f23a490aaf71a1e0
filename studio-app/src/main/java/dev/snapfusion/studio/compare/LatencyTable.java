package dev.snapfusion.studio.compare;

import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.report.LatencyRow;
import dev.snapfusion.studio.ui.PulseQueue;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/** The per-component latency, memory and size table; columns are named after the two runs. */
final class LatencyTable extends TableView<LatencyRow> {
    private final TableColumn<LatencyRow, String> first = TextColumns.of("", LatencyRow::formatFirst, 140, true);
    private final TableColumn<LatencyRow, String> second = TextColumns.of("", LatencyRow::formatSecond, 140, true);
    private final Label ratioHeader = new Label();

    LatencyTable() {
        setId("latency-table");
        getStyleClass().add("latency-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setFixedCellSize(30);
        setPrefWidth(730);
        setMaxWidth(840);
        setMinHeight(USE_PREF_SIZE);
        TableColumn<LatencyRow, String> ratio = TextColumns.of("", LatencyRow::formatRatio, 170, true);
        ratio.setGraphic(ratioHeader);
        ratio.setId("ratio-column");
        getColumns().setAll(List.of(TextColumns.of("Component", LatencyRow::component, 240, false), first, second, ratio));
    }

    /** The steps that show {@code r}, a few rows per pulse (see {@link PulseQueue}). */
    List<Runnable> show(ComparisonReport r) {
        Runnable retitle = () -> {
            first.setText(r.runs().get(0).displayName());
            second.setText(r.runs().get(1).displayName());
            String ratio = r.baseline().displayName() + " ÷ " + r.candidate().displayName();
            ratioHeader.setText(ratio);
            ratioHeader.setTooltip(new Tooltip(ratio + ": above 1 means " + r.candidate().displayName() + " needs less"));
            // Header plus every row (7 to 11, depending on what the runs report): no empty rows and no scroll bar.
            setPrefHeight(getFixedCellSize() * r.latencyRows().size() + 28);
        };
        return PulseQueue.startingWith(retitle, PulseQueue.fill(getItems(), r.latencyRows(), PulseQueue.ROWS_PER_PULSE));
    }
}
