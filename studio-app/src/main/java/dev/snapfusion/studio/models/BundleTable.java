package dev.snapfusion.studio.models;

import dev.snapfusion.studio.bundles.BundleEntry;
import dev.snapfusion.studio.bundles.ParityVerdict;
import dev.snapfusion.studio.common.Sizes;
import dev.snapfusion.studio.ui.TableColumns;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The bundles of the workspace, one row each: name, source, recipe, variant, size on disk, params, GFLOPs and the parity
 * verdict. A broken bundle's row says why in the recipe column.
 */
final class BundleTable extends TableView<BundleEntry> {
    BundleTable(ObservableList<BundleEntry> bundles) {
        SortedList<BundleEntry> sorted = new SortedList<>(bundles);
        sorted.comparatorProperty().bind(comparatorProperty());
        setItems(sorted);
        setId("models-table");
        getStyleClass().add("models-table");
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label("No bundles in the workspace yet. Convert one below, on the Convert page, or with "
                + "`studio convert --out <workspace>/bundles/NAME`.");
        empty.setWrapText(true);
        setPlaceholder(empty);
        setRowFactory(t -> new BrokenAwareRow());
        TableColumn<BundleEntry, String> name = TableColumns.text("Name", 210, BundleEntry::name);
        name.setMinWidth(170);
        getColumns().add(name);
        getColumns().add(TableColumns.text("Source", 150, b -> b.broken() ? "" : b.manifest().source()));
        getColumns().add(TableColumns.text("Recipe", 170, b -> b.broken() ? "broken: " + b.problem() : b.recipe()));
        getColumns().add(TableColumns.text("Variant", 100, b -> b.broken() ? "" : b.manifest().variant()));
        getColumns().add(number("Size", 80, BundleEntry::bytesOnDisk, Sizes::bytes));
        getColumns().add(number("Params", 72, b -> b.broken() ? null : b.params(), Sizes::params));
        getColumns().add(number("GFLOPs", 64, b -> b.broken() ? null : b.flops(), Sizes::gflops));
        getColumns().add(parityColumn());
    }

    /** Sorted by the number, shown as text; a null number (a broken bundle's params) shows nothing. */
    private static TableColumn<BundleEntry, Long> number(String name, double width, Function<BundleEntry, Long> f,
                                                         Function<Long, String> show) {
        TableColumn<BundleEntry, Long> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setMinWidth(width);
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(f.apply(x.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Long n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : show.apply(n));
            }
        });
        c.getStyleClass().add("number-column");
        return c;
    }

    private static TableColumn<BundleEntry, ParityVerdict> parityColumn() {
        TableColumn<BundleEntry, ParityVerdict> c = new TableColumn<>("Image vs fp32");
        c.setPrefWidth(190);
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(x.getValue().parity()));
        c.setComparator(Comparator.comparing(v -> v.kind().ordinal()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(ParityVerdict v, boolean empty) {
                super.updateItem(v, empty);
                getStyleClass().removeIf(s -> s.startsWith("parity-"));
                setText(empty || v == null ? null : v.text());
                setTooltip(empty || v == null ? null : new Tooltip(v.text()));
                if (!empty && v != null) getStyleClass().add("parity-" + v.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
        });
        return c;
    }

    /** Marks a broken bundle's row so the sheet can grey it out. */
    private static final class BrokenAwareRow extends TableRow<BundleEntry> {
        @Override
        protected void updateItem(BundleEntry b, boolean empty) {
            super.updateItem(b, empty);
            getStyleClass().remove("broken-bundle");
            if (!empty && b != null && b.broken()) getStyleClass().add("broken-bundle");
        }
    }
}
