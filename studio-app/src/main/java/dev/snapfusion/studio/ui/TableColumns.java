package dev.snapfusion.studio.ui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

/** Columns the workbench's list tables (History, Models) share. */
public final class TableColumns {
    private TableColumns() {
    }

    /** A sortable text column whose cells show their whole text as a tooltip, for values wider than the column. */
    public static <R> TableColumn<R, String> text(String title, double width, Function<R, String> value) {
        return text(title, width, value, null);
    }

    /**
     * A sortable text column showing {@code value} (e.g. a short form) with {@code tooltip} (e.g. the whole text) on
     * hover; a null {@code tooltip} shows the cell's own text.
     */
    public static <R> TableColumn<R, String> text(String title, double width, Function<R, String> value,
            Function<R, String> tooltip) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                R row = empty || tooltip == null || getTableRow() == null ? null : getTableRow().getItem();
                String tip = tooltip == null ? s : row == null ? null : tooltip.apply(row);
                setTooltip(tip == null || tip.isEmpty() ? null : new Tooltip(tip));
            }
        });
        return c;
    }

    /** The text before a parenthesis, e.g. "TFLite 2.21.0" of "TFLite 2.21.0 (C++ API, JavaCPP)". */
    public static String beforeParenthesis(String s) {
        int i = s.indexOf(" (");
        return i > 0 ? s.substring(0, i) : s;
    }
}
