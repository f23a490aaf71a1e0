package dev.snapfusion.studio.evolution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.snapfusion.bridge.arch.PipelinePreset;
import dev.snapfusion.bridge.arch.PresetException;
import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.bridge.arch.UnetConfig;
import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.studio.common.StudioError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The greedy path's removals written as an architecture preset (assets/presets/*.json), which lists each stage's
 * layers. A cross-attention layer, or a resnet the stage can lose, is dropped exactly. Two removals the format cannot
 * express are kept in the preset, with the reason (docs/evolve.md, "From skips to a preset"):
 * <ul>
 *   <li>a stage other than mid must still start with a resnet (it changes channels), and mid may only start with one
 *       or be empty;</li>
 *   <li>the skip rule (docs/architectures.md): resnets removed from down.ℓ and from up.(n−1−ℓ) must pair up, since each
 *       down group makes one skip and each up resnet takes one. The most recently removed extras are kept.</li>
 * </ul>
 *
 * @param removed the removals the preset expresses, in path order
 * @param kept path removals the preset keeps, with why
 */
public record PresetExport(PipelinePreset preset, List<String> removed, Map<String, String> kept) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).enable(SerializationFeature.INDENT_OUTPUT);

    private record Layer(String stage, String kind, String id) {
    }

    public static PresetExport of(PipelinePreset base, BundleManifest m, List<String> pathRemoved, String name) {
        UnetConfig u = base.unet();
        Map<String, List<Layer>> stages = layers(u);
        checkMatches(stages, m);
        Map<String, Layer> byId = new HashMap<>();
        stages.values().forEach(ls -> ls.forEach(l -> byId.put(l.id(), l)));
        List<String> removed = new ArrayList<>(pathRemoved);
        Map<String, String> kept = new LinkedHashMap<>();
        for (String id : pathRemoved) {
            if (!byId.containsKey(id)) throw new StudioError("block " + id + " is not a resnet or cross-attention layer of the preset");
        }
        // Rule 1: a stage keeps a leading resnet (mid may be emptied).
        for (var e : stages.entrySet()) {
            while (true) {
                List<Layer> left = e.getValue().stream().filter(l -> !removed.contains(l.id())).toList();
                boolean ok = left.isEmpty() ? e.getKey().equals("mid") : left.get(0).kind().equals("resnet");
                if (ok) break;
                int firstKept = left.isEmpty() ? Integer.MAX_VALUE : e.getValue().indexOf(left.get(0));
                List<Layer> before = e.getValue().subList(0, Math.min(firstKept, e.getValue().size()));
                Layer restore = lastRemoved(removed, before.stream().filter(l -> l.kind().equals("resnet")).toList(), byId);
                removed.remove(restore.id());
                kept.put(restore.id(), "the preset format needs " + e.getKey() + " to " + (e.getKey().equals("mid")
                        ? "start with a resnet or be empty" : "keep a resnet as its first layer (it sets the stage's channels)"));
            }
        }
        // Rule 2: resnets removed per resolution level pair up between the down and the up path.
        int n = u.levels();
        for (int level = 0; level < n; level++) {
            String down = "down." + level, up = "up." + (n - 1 - level);
            List<Layer> downRes = resnets(stages.get(down), removed), upRes = resnets(stages.get(up), removed);
            List<Layer> extra = downRes.size() > upRes.size() ? downRes : upRes;
            int excess = Math.abs(downRes.size() - upRes.size());
            for (int i = 0; i < excess; i++) {
                Layer restore = lastRemoved(removed, extra, byId);
                removed.remove(restore.id());
                kept.put(restore.id(), "removing it alone breaks the skip pairing at resolution level " + level + " (" + down
                        + " resnets make the skips that " + up + " resnets take; docs/architectures.md)");
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String stage : u.stageNames()) {
            List<String> ls = new ArrayList<>();
            for (Layer l : stages.get(stage)) if (!removed.contains(l.id())) ls.add(l.kind());
            out.put(stage, ls);
        }
        UnetConfig cu = new UnetConfig(u.inChannels(), u.outChannels(), u.blockOutChannels(), u.normNumGroups(), u.normEps(),
                u.attentionHeads(), u.crossAttentionDim(), out);
        PipelinePreset p = new PipelinePreset(name, base.variant(), base.predictionType(), base.defaultSteps(), base.defaultCfg(),
                base.latentHeight(), base.latentWidth(), base.weightSeed(), base.textEncoder(), cu, base.vaeDecoder());
        try {
            Presets.validate(p, name);
        } catch (PresetException e) {
            throw new StudioError("the proposed architecture is not a valid preset: " + e.getMessage(), e);
        }
        return new PresetExport(p, removed, kept);
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, JSON.writeValueAsString(preset) + "\n");
        } catch (IOException e) {
            throw new StudioError("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Stage → its resnet and cross-attention layers with the block ids the converter gives them (docs/bundle.md). */
    private static Map<String, List<Layer>> layers(UnetConfig u) {
        Map<String, List<Layer>> out = new LinkedHashMap<>();
        for (String stage : u.stageNames()) {
            Map<String, Integer> counts = new HashMap<>();
            List<Layer> ls = new ArrayList<>();
            for (String kind : u.layers(stage)) {
                int k = counts.merge(kind, 1, Integer::sum) - 1;
                ls.add(new Layer(stage, kind, stage + "." + kind + "." + k));
            }
            out.put(stage, ls);
        }
        return out;
    }

    private static void checkMatches(Map<String, List<Layer>> stages, BundleManifest m) {
        List<String> fromPreset = new ArrayList<>(), fromBundle = new ArrayList<>();
        stages.values().forEach(ls -> ls.forEach(l -> fromPreset.add(l.id())));
        for (Block b : m.blocks()) {
            String kind = b.kind().wireName();
            if (kind.equals("resnet") || kind.equals("cross_attention")) fromBundle.add(b.id());
        }
        if (!new java.util.HashSet<>(fromPreset).equals(new java.util.HashSet<>(fromBundle))) {
            throw new StudioError("bundle " + m.id() + " does not have the layers of its source's preset (" + m.source()
                    + "); was it converted from another architecture?");
        }
    }

    private static List<Layer> resnets(List<Layer> stage, List<String> removed) {
        return stage.stream().filter(l -> l.kind().equals("resnet") && removed.contains(l.id())).toList();
    }

    /** Of {@code among}, the one removed last on the path. */
    private static Layer lastRemoved(List<String> removed, List<Layer> among, Map<String, Layer> byId) {
        for (int i = removed.size() - 1; i >= 0; i--) {
            Layer l = byId.get(removed.get(i));
            if (among.contains(l)) return l;
        }
        throw new IllegalStateException("no removal to restore among " + among);
    }
}
