package dev.snapfusion.studio.compare;

import dev.snapfusion.studio.report.BlockDelta;
import dev.snapfusion.studio.report.ComparisonReport;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * Every UNet block of both runs: stage, kind, blockwise ms of each, Δ and each run's share, sortable by any column
 * (click a header; a missing block sorts last). Shown whenever a run has block timings.
 */
final class BlockDeltaTable extends TableView<BlockDelta> {
    BlockDeltaTable() {
        setId("block-delta-table");
        getStyleClass().add("block-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setFixedCellSize(26);
        setPrefHeight(26 * 14 + 28);
    }

    void show(ComparisonReport r) {
        String a = r.runs().get(0).displayName(), b = r.runs().get(1).displayName();
        TableColumn<BlockDelta, String> block = text("Block", BlockDelta::block, 200);
        getColumns().setAll(List.of(block, text("Stage", BlockDelta::stage, 70),
                text("Kind", d -> d.kind().replace('_', ' '), 110),
                number(a + " ms", BlockDelta::firstMs, "%.2f", 110), number(b + " ms", BlockDelta::secondMs, "%.2f", 110),
                number("Δ ms (" + b + " − " + a + ")", BlockDelta::deltaMs, "%+.2f", 150),
                number(a + " share %", BlockDelta::firstShare, "%.1f", 110), number(b + " share %", BlockDelta::secondShare, "%.1f", 110)));
        getItems().setAll(BlockDelta.of(r));
        getSortOrder().clear();
    }

    private static TableColumn<BlockDelta, String> text(String title, java.util.function.Function<BlockDelta, String> value, double width) {
        TableColumn<BlockDelta, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<BlockDelta, Double> number(String title, ToDoubleFunction<BlockDelta> value, String format, double width) {
        TableColumn<BlockDelta, Double> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.applyAsDouble(d.getValue())));
        c.setComparator(Comparator.nullsLast(Comparator.comparingDouble((Double v) -> Double.isNaN(v) ? Double.POSITIVE_INFINITY : v)));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Double.isNaN(v) ? "—" : String.format(Locale.ROOT, format, v));
            }
        });
        c.setPrefWidth(width);
        c.getStyleClass().add("numeric");
        return c;
    }
}
