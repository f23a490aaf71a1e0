package dev.snapfusion.studio.layout;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/** A card that says what a page that is not built yet will do, so the workbench never shows an empty page. */
public final class PlannedFeatures extends VBox {
    public PlannedFeatures(String heading, List<String> items) {
        getStyleClass().add("card");
        Label h = new Label(heading);
        h.getStyleClass().add("card-title");
        getChildren().add(h);
        for (String item : items) {
            Label l = new Label(item, new FontIcon(MaterialDesignC.CHECKBOX_BLANK_CIRCLE_OUTLINE));
            l.getStyleClass().add("planned-item");
            l.setWrapText(true);
            getChildren().add(l);
        }
    }
}
