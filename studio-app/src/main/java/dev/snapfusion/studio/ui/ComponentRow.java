package dev.snapfusion.studio.ui;

import dev.snapfusion.studio.common.Sizes;
import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BlockKind;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.Component;
import dev.snapfusion.runner.bundle.FileEntry;
import dev.snapfusion.bridge.convert.ConversionReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One line of a bundle's summary: a component (or the UNet's per-block files) with its size and cost. The Convert page
 * shows the rows of the bundle it wrote, the Models page those of the selected bundle.
 */
public record ComponentRow(String name, String file, long bytes, long params, long flops, String parity) {
    private static final List<String> PIPELINE_ORDER = List.of(BundleManifest.TEXT_ENCODER, BundleManifest.UNET,
            BundleManifest.VAE_DECODER);

    /** Rows in pipeline order; {@code report} (may be null) gives each component's agreement with its fp32 build. */
    public static List<ComponentRow> of(BundleManifest m, ConversionReport report) {
        Map<String, String> parity = new HashMap<>();
        if (report != null) {
            for (ConversionReport.Entry e : report.components()) {
                if (e.parity() != null) {
                    parity.put(e.name(), String.format(Locale.ROOT, "cosine %.6f", e.parity().cosine()));
                }
            }
        }
        List<ComponentRow> rows = new ArrayList<>();
        // Pipeline order, whatever order the manifest's map has.
        List<Component> components = new ArrayList<>(m.components().values());
        components.sort(java.util.Comparator.comparingInt(c -> PIPELINE_ORDER.indexOf(c.name()) < 0 ? 99
                : PIPELINE_ORDER.indexOf(c.name())));
        for (Component c : components) {
            rows.add(new ComponentRow(c.name(), c.file(), size(m, c.file()), c.params(), c.flops(),
                    parity.getOrDefault(c.name(), "")));
        }
        if (!m.blocks().isEmpty()) {
            long bytes = 0;
            long params = 0;
            long flops = 0;
            for (Block b : m.blocks()) {
                bytes += b.file() == null ? 0 : size(m, b.file());
                params += b.params();
                flops += b.flops();
            }
            rows.add(new ComponentRow("unet blocks", m.blocks().size() + " files, for timing block by block", bytes,
                    params, flops, ""));
        }
        return rows;
    }

    /** "12 blocks: 4 cross-attention, 6 ResNet, 2 other" for the summary line. */
    public static String blockSummary(BundleManifest m) {
        long ca = m.blocks().stream().filter(b -> b.kind() == BlockKind.CROSS_ATTENTION).count();
        long rb = m.blocks().stream().filter(b -> b.kind() == BlockKind.RESNET).count();
        long other = m.blocks().size() - ca - rb;
        return String.format(Locale.ROOT, "%d UNet blocks: %d cross-attention, %d ResNet, %d other", m.blocks().size(),
                ca, rb, other);
    }

    private static long size(BundleManifest m, String file) {
        return m.file(file).map(FileEntry::size).orElse(0L);
    }

    public String sizeText() {
        return bytes >= 1e9 ? String.format(Locale.ROOT, "%.2f GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
    }

    public String paramsText() {
        return Sizes.params(params);
    }

    public String flopsText() {
        return String.format(Locale.ROOT, "%.2f GFLOP", flops / 1e9);
    }
}
