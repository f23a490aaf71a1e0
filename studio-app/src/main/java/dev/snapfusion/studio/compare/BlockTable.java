package dev.snapfusion.studio.compare;

import dev.snapfusion.studio.report.BlockRow;
import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.ui.PulseQueue;
import java.util.List;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * Per UNet block, for both runs: the blockwise median and the op profile's summed time ("ops ms",
 * docs/op-profile.md). Shown only when a run has an op profile.
 */
final class BlockTable extends TableView<BlockRow> {
    private final TableColumn<BlockRow, String> firstBlockwise = TextColumns.of("", row -> BlockRow.format(row.firstBlockwise()), 130, true);
    private final TableColumn<BlockRow, String> firstOps = TextColumns.of("", row -> BlockRow.format(row.firstOps()), 110, true);
    private final TableColumn<BlockRow, String> secondBlockwise = TextColumns.of("", row -> BlockRow.format(row.secondBlockwise()), 130, true);
    private final TableColumn<BlockRow, String> secondOps = TextColumns.of("", row -> BlockRow.format(row.secondOps()), 110, true);

    BlockTable() {
        setId("block-table");
        getStyleClass().add("block-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setFixedCellSize(26);
        setPrefWidth(760);
        setMaxWidth(860);
        setPrefHeight(26 * 12 + 28);
        getColumns().setAll(List.of(TextColumns.of("Block", BlockRow::block, 220, false),
                firstBlockwise, firstOps, secondBlockwise, secondOps));
    }

    /** The steps that show {@code r}, a few rows per pulse (see {@link PulseQueue}). */
    List<Runnable> show(ComparisonReport r) {
        Runnable retitle = () -> {
            String a = r.runs().get(0).displayName(), b = r.runs().get(1).displayName();
            firstBlockwise.setText(a + " blockwise ms");
            firstOps.setText(a + " ops ms");
            secondBlockwise.setText(b + " blockwise ms");
            secondOps.setText(b + " ops ms");
        };
        return PulseQueue.startingWith(retitle, PulseQueue.fill(getItems(), r.blockRows(), PulseQueue.ROWS_PER_PULSE));
    }
}
