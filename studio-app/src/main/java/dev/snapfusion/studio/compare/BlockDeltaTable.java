package dev.snapfusion.studio.compare;

import dev.snapfusion.studio.report.BlockDelta;
import dev.snapfusion.studio.report.ComparisonReport;
import dev.snapfusion.studio.ui.PulseQueue;
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
    private final TableColumn<BlockDelta, Double> firstMs = number(BlockDelta::firstMs, "%.2f", 110);
    private final TableColumn<BlockDelta, Double> secondMs = number(BlockDelta::secondMs, "%.2f", 110);
    private final TableColumn<BlockDelta, Double> delta = number(BlockDelta::deltaMs, "%+.2f", 150);
    private final TableColumn<BlockDelta, Double> firstShare = number(BlockDelta::firstShare, "%.1f", 110);
    private final TableColumn<BlockDelta, Double> secondShare = number(BlockDelta::secondShare, "%.1f", 110);

    BlockDeltaTable() {
        setId("block-delta-table");
        getStyleClass().add("block-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setFixedCellSize(26);
        setPrefHeight(26 * 14 + 28);
        getColumns().setAll(List.of(text("Block", BlockDelta::block, 200), text("Stage", BlockDelta::stage, 70),
                text("Kind", d -> d.kind().replace('_', ' '), 110), firstMs, secondMs, delta, firstShare, secondShare));
    }

    /**
     * The steps that show {@code r}, a few rows per pulse (see {@link PulseQueue}); a sort the user picks while rows
     * are still coming is applied again after each.
     */
    List<Runnable> show(ComparisonReport r) {
        Runnable retitle = () -> {
            String a = r.runs().get(0).displayName(), b = r.runs().get(1).displayName();
            firstMs.setText(a + " ms");
            secondMs.setText(b + " ms");
            delta.setText("Δ ms (" + b + " − " + a + ")");
            firstShare.setText(a + " share %");
            secondShare.setText(b + " share %");
            getSortOrder().clear();
        };
        return PulseQueue.startingWith(retitle, PulseQueue.fill(getItems(), BlockDelta.of(r), PulseQueue.ROWS_PER_PULSE,
                rows -> {
                    if (!getSortOrder().isEmpty()) sort();
                }));
    }

    private static TableColumn<BlockDelta, String> text(String title, java.util.function.Function<BlockDelta, String> value, double width) {
        TableColumn<BlockDelta, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** A sortable numeric column; its title names a run, so {@link #show} sets it. */
    private static TableColumn<BlockDelta, Double> number(ToDoubleFunction<BlockDelta> value, String format, double width) {
        TableColumn<BlockDelta, Double> c = new TableColumn<>();
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
