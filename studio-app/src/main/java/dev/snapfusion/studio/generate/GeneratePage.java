package dev.snapfusion.studio.generate;

import dev.snapfusion.studio.event.EventBus;
import dev.snapfusion.studio.event.NavigateEvent;
import dev.snapfusion.studio.event.PageId;
import dev.snapfusion.studio.layout.PageHeader;
import dev.snapfusion.studio.layout.PlannedFeatures;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;

/** Running a bundle on a device with a prompt. Points to the Compare page's demo until it is wired in. */
public final class GeneratePage extends VBox {
    public GeneratePage(EventBus bus) {
        getStyleClass().addAll("page", "generate-page");
        getChildren().addAll(
                new PageHeader("Generate", "Run a pushed bundle on a device with your prompt, seed, steps and CFG."),
                new PlannedFeatures("This page will", List.of(
                        "push a bundle to the selected device, skipping files that are already there and verified",
                        "stream the runner's progress step by step and show the image when it is pulled back",
                        "time the UNet whole or block by block")),
                compareLink(bus));
    }

    private Button compareLink(EventBus bus) {
        Button b = new Button("Run the demo comparison on the Compare page");
        b.getStyleClass().add("link-button");
        b.setOnAction(e -> bus.publish(new NavigateEvent(PageId.COMPARE)));
        return b;
    }
}
