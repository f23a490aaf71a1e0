package dev.snapfusion.studio.compare;

import dev.snapfusion.studio.report.BlockRow;
import dev.snapfusion.studio.report.ComparisonReport;
import java.util.List;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * Per UNet block, for both runs: the blockwise median and the op profile's summed time ("ops ms",
 * docs/op-profile.md). Shown only when a run has an op profile.
 */
final class BlockTable extends TableView<BlockRow> {
    BlockTable() {
        setId("block-table");
        getStyleClass().add("block-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setFixedCellSize(26);
        setPrefWidth(760);
        setMaxWidth(860);
        setPrefHeight(26 * 12 + 28);
    }

    void show(ComparisonReport r) {
        String a = r.runs().get(0).displayName(), b = r.runs().get(1).displayName();
        getColumns().setAll(List.of(
                TextColumns.of("Block", BlockRow::block, 220, false),
                TextColumns.of(a + " blockwise ms", row -> BlockRow.format(row.firstBlockwise()), 130, true),
                TextColumns.of(a + " ops ms", row -> BlockRow.format(row.firstOps()), 110, true),
                TextColumns.of(b + " blockwise ms", row -> BlockRow.format(row.secondBlockwise()), 130, true),
                TextColumns.of(b + " ops ms", row -> BlockRow.format(row.secondOps()), 110, true)));
        getItems().setAll(r.blockRows());
    }
}
