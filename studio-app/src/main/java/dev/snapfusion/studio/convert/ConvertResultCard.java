package dev.snapfusion.studio.convert;

import dev.snapfusion.bridge.convert.ConversionReport;
import dev.snapfusion.bridge.convert.ConvertedBundle;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.studio.event.EventBus;
import dev.snapfusion.studio.event.NavigateEvent;
import dev.snapfusion.studio.event.PageId;
import dev.snapfusion.studio.ui.ComponentRow;
import dev.snapfusion.studio.ui.ComponentTable;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;

/** What the conversion wrote: the bundle's identity, its files with sizes, params and FLOPs, and the block count. */
final class ConvertResultCard extends VBox {
    private final Label title = new Label();
    private final Label facts = new Label();
    private final Label blocks = new Label();
    private final Label imageParity = new Label();
    private final ComponentTable table = new ComponentTable("convert-components");

    ConvertResultCard(EventBus bus) {
        setId("convert-result");
        getStyleClass().addAll("card", "result-card");
        title.setId("convert-result-title");
        title.getStyleClass().add("card-title");
        title.setGraphic(new FontIcon(MaterialDesignC.CHECK_CIRCLE));
        facts.setId("convert-facts");
        facts.setWrapText(true);
        blocks.setId("convert-blocks");
        imageParity.setId("convert-image-parity");
        imageParity.setWrapText(true);
        imageParity.managedProperty().bind(imageParity.visibleProperty());

        Button toGenerate = new Button("Generate with this bundle", new FontIcon(MaterialDesignI.IMAGE_MULTIPLE));
        toGenerate.setId("convert-to-generate");
        toGenerate.setOnAction(e -> bus.publish(new NavigateEvent(PageId.GENERATE)));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bottom = new HBox(blocks, spacer, toGenerate);
        bottom.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, facts, imageParity, table, bottom);
    }

    void show(ConvertedBundle b) {
        BundleManifest m = b.manifest();
        title.setText("Bundle " + m.id());
        facts.setText(String.format(Locale.ROOT, "%s, %s, %s, %d steps and CFG %.1f by default. "
                        + "%.1f MB in all, written in %.1f s to %s", m.variant(), m.quantization(), prediction(m),
                m.defaultSteps(), m.defaultCfg(), m.totalBytes() / 1e6, b.seconds(), b.dir().toAbsolutePath()));
        blocks.setText(ComponentRow.blockSummary(m));
        ConversionReport.ImageCheck check = b.report() == null ? null : b.report().imageParity();
        imageParity.setVisible(check != null);
        imageParity.setText(check == null ? "" : Character.toUpperCase(check.summary().charAt(0)) + check.summary().substring(1));
        imageParity.getStyleClass().removeAll("parity-met", "parity-missed");
        if (check != null && check.meetsGoal() != null) imageParity.getStyleClass().add(check.meetsGoal() ? "parity-met" : "parity-missed");
        table.show(m, b.report());
    }

    private static String prediction(BundleManifest m) {
        switch (m.predictionType()) {
            case "epsilon": return "ε-prediction";
            case "v_prediction": return "v-prediction";
            default: return "predicts " + m.predictionType();
        }
    }
}
