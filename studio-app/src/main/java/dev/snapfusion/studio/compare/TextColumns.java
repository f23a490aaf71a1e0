package dev.snapfusion.studio.compare;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;

/** A fixed, unsortable text column of the Compare page's tables; numeric ones right-align through CSS. */
final class TextColumns {
    private TextColumns() {
    }

    static <R> TableColumn<R, String> of(String title, Function<R, String> value, double width, boolean numeric) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setReorderable(false);
        if (numeric) c.getStyleClass().add("numeric");
        return c;
    }
}
