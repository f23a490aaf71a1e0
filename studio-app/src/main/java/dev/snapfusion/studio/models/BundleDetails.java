package dev.snapfusion.studio.models;

import dev.snapfusion.studio.common.Sizes;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.studio.bundles.BundleEntry;
import dev.snapfusion.studio.bundles.ParityVerdict;
import dev.snapfusion.studio.ui.ComponentRow;
import dev.snapfusion.studio.ui.ComponentTable;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/**
 * The selected bundle: what it is, its image check against fp32, its components (size, params, GFLOP, cosine vs fp32
 * where the report has it) and the UNet's blocks. A broken bundle shows only why.
 */
final class BundleDetails extends VBox {
    private final Label title = new Label();
    private final Label facts = new Label();
    private final Label parity = new Label();
    private final Label problem = new Label();
    private final ComponentTable components = new ComponentTable("models-components");
    private final Label blockSummary = new Label();
    private final BlockTable blocks = new BlockTable();

    BundleDetails() {
        setId("models-details");
        getStyleClass().addAll("card", "models-details");
        title.setId("models-detail-title");
        title.getStyleClass().add("card-title");
        title.setGraphic(new FontIcon(MaterialDesignP.PACKAGE_VARIANT_CLOSED));
        facts.setId("models-detail-facts");
        facts.setWrapText(true);
        parity.setId("models-detail-parity");
        parity.setWrapText(true);
        problem.setId("models-detail-problem");
        problem.getStyleClass().add("models-problem");
        problem.setWrapText(true);
        blockSummary.setId("models-block-summary");
        blockSummary.getStyleClass().add("field-hint");
        for (Node n : new Node[] {problem, components, blockSummary, blocks, parity}) {
            n.managedProperty().bind(n.visibleProperty());
        }
        getChildren().addAll(title, facts, parity, problem, components, blockSummary, blocks);
    }

    void show(BundleEntry b) {
        title.setText(b.broken() ? b.name() + " (broken)" : b.name() + " · bundle " + b.manifest().id());
        boolean ok = !b.broken();
        components.setVisible(ok);
        blockSummary.setVisible(ok);
        blocks.setVisible(ok);
        parity.setVisible(ok);
        String trouble = ok ? b.reportProblem() : b.problem();
        problem.setVisible(trouble != null);
        problem.setText(trouble == null ? "" : trouble);
        if (!ok) {
            facts.setText(String.format(Locale.ROOT, "%s, %s on disk. Its manifest cannot be read, so it cannot be pushed or "
                    + "run: convert it again, or delete it.", b.folder(), Sizes.bytes(b.bytesOnDisk())));
            return;
        }
        BundleManifest m = b.manifest();
        facts.setText(String.format(Locale.ROOT, "%s from %s, recipe %s, %s; %d steps and CFG %.1f by default. %s on disk "
                        + "in %s", m.variant(), m.source(), b.recipe(), m.predictionType(), m.defaultSteps(), m.defaultCfg(),
                Sizes.bytes(b.bytesOnDisk()), b.folder()));
        ParityVerdict v = b.parity();
        parity.setText("Image vs fp32: " + v.text());
        parity.getStyleClass().removeIf(s -> s.startsWith("parity-"));
        parity.getStyleClass().add("parity-" + v.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        components.show(m, b.report());
        blockSummary.setText(ComponentRow.blockSummary(m));
        blocks.show(m);
    }
}
