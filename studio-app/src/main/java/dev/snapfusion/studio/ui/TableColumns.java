package dev.snapfusion.studio.ui;

import java.util.HexFormat;
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
        return column(title, width, value, tooltip, false);
    }

    /**
     * A sortable text column whose cells wrap their text over the row's height (tall rows, e.g. with thumbnails), the
     * whole text on hover.
     */
    public static <R> TableColumn<R, String> wrapped(String title, double width, Function<R, String> value) {
        return column(title, width, value, null, true);
    }

    private static <R> TableColumn<R, String> column(String title, double width, Function<R, String> value,
            Function<R, String> tooltip, boolean wrap) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            private final Tooltip tip = new Tooltip();   // one per cell, re-texted as the cell is reused on scrolling

            {
                setWrapText(wrap);
            }

            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                R row = empty || tooltip == null || getTableRow() == null ? null : getTableRow().getItem();
                String text = tooltip == null ? s : row == null ? null : tooltip.apply(row);
                tip.setText(text);
                setTooltip(text == null || text.isEmpty() ? null : tip);
            }
        });
        return c;
    }

    /**
     * A content id as git shows a commit: the first 8 of 16 or more hex digits (a bundle's id is 16, from its files'
     * hashes); any other id whole.
     */
    public static String shortId(String id) {
        return id.length() >= 16 && id.chars().allMatch(HexFormat::isHexDigit) ? id.substring(0, 8) : id;
    }

    /** The text before a parenthesis, e.g. "TFLite 2.21.0" of "TFLite 2.21.0 (C++ API, JavaCPP)". */
    public static String beforeParenthesis(String s) {
        int i = s.indexOf(" (");
        return i > 0 ? s.substring(0, i) : s;
    }
}
