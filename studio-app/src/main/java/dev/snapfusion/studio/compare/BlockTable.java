package dev.snapfusion.studio.compare;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
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
                column("Block", BlockRow::block, 220, false),
                column(a + " blockwise ms", row -> BlockRow.format(row.firstBlockwise()), 130, true),
                column(a + " ops ms", row -> BlockRow.format(row.firstOps()), 110, true),
                column(b + " blockwise ms", row -> BlockRow.format(row.secondBlockwise()), 130, true),
                column(b + " ops ms", row -> BlockRow.format(row.secondOps()), 110, true)));
        getItems().setAll(r.blockRows());
    }

    private static TableColumn<BlockRow, String> column(String title, Function<BlockRow, String> value, double width,
                                                        boolean numeric) {
        TableColumn<BlockRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setReorderable(false);
        if (numeric) c.getStyleClass().add("numeric");
        return c;
    }
}
