package dev.snapfusion.studio.models;

import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.bridge.quant.Scheme;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.studio.common.StudioError;
import dev.snapfusion.studio.job.RecipeOverrides;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.controlsfx.control.PropertySheet;

/**
 * The convert form of the Models page as property-sheet items: source, quantization and output folder, a precision per
 * component and per UNet block of the source, and the command line's override texts. FX thread only.
 */
final class OverrideForm {
    static final String CONVERSION = "Conversion";
    static final String COMPONENTS = "Components";
    static final String BLOCKS = "UNet blocks";
    static final String ADVANCED = "More overrides";
    static final List<String> CATEGORIES = List.of(CONVERSION, COMPONENTS, BLOCKS, ADVANCED);

    final StringProperty source = new SimpleStringProperty("demo:snapfusion");
    final ObjectProperty<Scheme> quant = new SimpleObjectProperty<>(Scheme.FP32);
    final StringProperty outDir = new SimpleStringProperty("");
    final Map<String, ObjectProperty<Precision>> components = new LinkedHashMap<>();
    final Map<String, ObjectProperty<Precision>> blocks = new LinkedHashMap<>();
    final StringProperty more = new SimpleStringProperty("");
    final StringProperty keepFp32 = new SimpleStringProperty("");
    final StringProperty granularity = new SimpleStringProperty("");
    final ObservableList<PropertySheet.Item> items = FXCollections.observableArrayList();

    private final Path bundlesDir;
    /** Once the user edits the output folder, other fields no longer change it. */
    private boolean outChosen;
    private boolean suggesting;

    OverrideForm(Path bundlesDir) {
        this.bundlesDir = bundlesDir;
        for (String c : List.of(BundleManifest.TEXT_ENCODER, BundleManifest.UNET, BundleManifest.VAE_DECODER)) {
            components.put(c, precision());
        }
        source.addListener((o, a, b) -> suggestOut());
        quant.addListener((o, a, b) -> suggestOut());
        for (StringProperty p : List.of(more, keepFp32, granularity)) p.addListener((o, a, b) -> suggestOut());
        outDir.addListener((o, a, b) -> {
            if (!suggesting) outChosen = true;
        });
        suggestOut();
        rebuildItems();
    }

    private ObjectProperty<Precision> precision() {
        ObjectProperty<Precision> p = new SimpleObjectProperty<>(Precision.AS_RECIPE);
        p.addListener((o, a, b) -> suggestOut());
        return p;
    }

    /** The source's UNet blocks, in table order; a block already set keeps its precision. */
    void setBlocks(List<String> ids) {
        if (ids.equals(new ArrayList<>(blocks.keySet()))) return;
        Map<String, ObjectProperty<Precision>> old = new LinkedHashMap<>(blocks);
        blocks.clear();
        for (String id : ids) blocks.put(id, old.containsKey(id) ? old.get(id) : precision());
        rebuildItems();
    }

    private void rebuildItems() {
        List<PropertySheet.Item> all = new ArrayList<>();
        all.add(new SheetItem<>(String.class, CONVERSION, "Source", "demo:snapfusion, demo:sd15, a preset (sd15, "
                + "snapfusion, bk-sdm-*), a preset .json, a diffusers folder or a .safetensors file", source));
        all.add(new SheetItem<>(Scheme.class, CONVERSION, "Quantization", "The recipe every weight gets unless an "
                + "override below says otherwise", quant));
        all.add(new SheetItem<>(String.class, CONVERSION, "Output folder", "Where the bundle goes; written to a "
                + "temporary folder first and renamed when complete", outDir));
        components.forEach((name, p) -> all.add(new SheetItem<>(Precision.class, COMPONENTS, name,
                "Precision of every weight of " + name, p)));
        blocks.forEach((id, p) -> all.add(new SheetItem<>(Precision.class, BLOCKS, id,
                "Precision of the weights of UNet block " + id + " (wins over the unet row)", p)));
        all.add(new SheetItem<>(String.class, ADVANCED, "Overrides", "PATTERN=PRECISION, comma-separated, as studio "
                + "convert --override: e.g. *.attn1=fp32, down.1=int8-weight (later wins)", more));
        all.add(new SheetItem<>(String.class, ADVANCED, "Keep fp32", "Patterns kept in fp32, applied last, as "
                + "--keep-fp32: e.g. stem.conv_in, stem.conv_out", keepFp32));
        all.add(new SheetItem<>(String.class, ADVANCED, "Granularity", "int8 scales per op, as --granularity: "
                + "conv_2d|fully_connected|batch_matmul = per-channel|per-tensor", granularity));
        items.setAll(all);
    }

    /**
     * Components first, then blocks (so a block's row wins over its component's), then the typed overrides and the
     * keep-fp32 patterns. A malformed text throws a {@link StudioError} naming it.
     */
    RecipeOverrides overrides() {
        RecipeOverrides r = RecipeOverrides.NONE;
        for (Map<String, ObjectProperty<Precision>> rows : List.of(components, blocks)) {
            for (Map.Entry<String, ObjectProperty<Precision>> e : rows.entrySet()) {
                Scheme s = e.getValue().get() == null ? null : e.getValue().get().scheme();
                if (s != null) r = r.with(e.getKey(), s);
            }
        }
        return r.then(RecipeOverrides.parse(RecipeOverrides.split(more.get()), RecipeOverrides.split(keepFp32.get()),
                RecipeOverrides.split(granularity.get())));
    }

    Quantization quantization() {
        return Quantization.valueOf((quant.get() == null ? Scheme.FP32 : quant.get()).name());
    }

    /** Fills source and recipe from a bundle, to convert it again with other overrides. */
    void takeFrom(BundleManifest m) {
        if (m.source() != null && !m.source().isBlank()) source.set(m.source());
        try {
            quant.set(Scheme.parse(m.quantization()));
        } catch (IllegalArgumentException e) {
            quant.set(Scheme.FP32);
        }
    }

    private void suggestOut() {
        if (outChosen) return;
        String name = slug(source.get()) + "-" + (quant.get() == null ? "fp32" : quant.get().cliName())
                + (anyOverride() ? "-custom" : "");
        // Never suggest a bundle that is already there: converting into it would replace it.
        Path out = bundlesDir.resolve(name);
        for (int n = 2; Files.exists(out); n++) out = bundlesDir.resolve(name + "-" + n);
        suggesting = true;
        outDir.set(out.toString());
        suggesting = false;
    }

    private boolean anyOverride() {
        boolean rows = components.values().stream().anyMatch(p -> p.get() != null && p.get() != Precision.AS_RECIPE)
                || blocks.values().stream().anyMatch(p -> p.get() != null && p.get() != Precision.AS_RECIPE);
        return rows || !more.get().isBlank() || !keepFp32.get().isBlank() || !granularity.get().isBlank();
    }

    /** demo:snapfusion → demo-snapfusion; /a/b/my-preset.json → my-preset. */
    static String slug(String source) {
        String s = source == null ? "" : source.trim();
        if (s.isEmpty()) return "bundle";
        String name = s.contains("/") ? s.substring(s.lastIndexOf('/') + 1) : s;
        for (String ext : List.of(".json", ".safetensors")) {
            if (name.endsWith(ext)) name = name.substring(0, name.length() - ext.length());
        }
        name = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        return name.isEmpty() ? "bundle" : name;
    }
}
