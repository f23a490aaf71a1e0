package dev.snapfusion.studio.models;

import dev.snapfusion.studio.common.Sizes;
import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.FileEntry;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The UNet's block table of one bundle: id, stage, kind, params, GFLOP and the size of the block's own file. */
final class BlockTable extends TableView<BlockTable.Row> {
    /** One block with its file's size from the manifest (0 when the bundle has no file for it). */
    record Row(Block block, long bytes) {
        String kind() {
            return block.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    BlockTable() {
        setId("models-blocks");
        getStyleClass().add("models-blocks");
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setFixedCellSize(26);
        getColumns().add(column("Block", 220, r -> r.block().id(), Function.identity()));
        getColumns().add(column("Stage", 80, r -> r.block().stage(), Function.identity()));
        getColumns().add(column("Kind", 120, Row::kind, Function.identity()));
        getColumns().add(column("Params", 100, r -> r.block().params(), Sizes::params));
        getColumns().add(column("GFLOP", 90, r -> r.block().flops(), Sizes::gflops));
        getColumns().add(column("File size", 100, Row::bytes, Sizes::bytes));
    }

    void show(BundleManifest m) {
        setItems(FXCollections.observableArrayList(m.blocks().stream()
                .map(b -> new Row(b, b.file() == null ? 0 : m.file(b.file()).map(FileEntry::size).orElse(0L))).toList()));
    }

    private static <T extends Comparable<T>> TableColumn<Row, T> column(String name, double width, Function<Row, T> value,
                                                                       Function<T, String> show) {
        TableColumn<Row, T> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(value.apply(x.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(T v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : show.apply(v));
            }
        });
        return c;
    }
}
