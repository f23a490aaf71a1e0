package dev.snapfusion.studio.layout;

import dev.snapfusion.studio.event.EventBus;
import dev.snapfusion.studio.event.NavigateEvent;
import dev.snapfusion.studio.event.PageId;
import java.util.EnumMap;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/** The page list on the left. Selecting an entry publishes a {@link NavigateEvent}. */
final class Sidebar extends VBox {
    private final Map<PageId, ToggleButton> buttons = new EnumMap<>(PageId.class);
    private final ToggleGroup group = new ToggleGroup();

    Sidebar(EventBus bus) {
        getStyleClass().add("sidebar");
        Label brand = new Label("SnapFusion Studio");
        brand.getStyleClass().add("sidebar-brand");
        getChildren().add(brand);
        for (PageId page : PageId.values()) getChildren().add(button(page, bus));
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Label foot = new Label("SnapFusion vs SD-v1.5 on Android");
        foot.getStyleClass().add("sidebar-foot");
        foot.setWrapText(true);
        getChildren().addAll(spacer, foot);
        // A toggle group lets the user deselect the current page; keep one selected at all times.
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) group.selectToggle(old);
        });
    }

    /** Marks the page as current without publishing (the main window calls this when it switches). */
    void select(PageId page) {
        group.selectToggle(buttons.get(page));
    }

    private ToggleButton button(PageId page, EventBus bus) {
        ToggleButton b = new ToggleButton(page.title(), new FontIcon(icon(page)));
        b.setId("nav-" + page.name().toLowerCase(java.util.Locale.ROOT));
        b.getStyleClass().add("nav-button");
        b.setToggleGroup(group);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setOnAction(e -> bus.publish(new NavigateEvent(page)));
        buttons.put(page, b);
        return b;
    }

    private static Ikon icon(PageId page) {
        switch (page) {
            case DEVICES: return MaterialDesignC.CELLPHONE_LINK;
            case CONVERT: return MaterialDesignF.FILE_COG;
            case MODELS: return MaterialDesignP.PACKAGE_VARIANT_CLOSED;
            case GENERATE: return MaterialDesignI.IMAGE_MULTIPLE;
            case HISTORY: return MaterialDesignH.HISTORY;
            case COMPARE: return MaterialDesignC.COMPARE_HORIZONTAL;
            case EVOLVE: return MaterialDesignC.CHART_SCATTER_PLOT;
            case SETTINGS: return MaterialDesignC.COG;
            default: throw new IllegalStateException("page " + page);
        }
    }
}
