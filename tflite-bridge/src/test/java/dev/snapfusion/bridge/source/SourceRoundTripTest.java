package dev.snapfusion.bridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snapfusion.bridge.arch.PipelinePreset;
import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.ConvertRequest;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.FileEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each input users have, generated tiny from a demo preset, converts to the same .tflite files as
 * the demo's synthetic weights: byte-identical files (hence identical outputs) for f32, and for
 * f16/bf16 identical to synthetic weights rounded the same way.
 */
class SourceRoundTripTest {
    @TempDir
    Path dir;

    private static Map<String, String> hashes(BundleManifest m) {
        return m.files().stream().collect(Collectors.toMap(FileEntry::path, FileEntry::sha256));
    }

    private BundleManifest convert(String source, String out) throws Exception {
        return BundleConverter.convert(source, Quantization.FP32, dir.resolve(out), ConvertListener.NONE).manifest();
    }

    /** The demo conversion with every synthetic weight rounded through {@code dtype}. */
    private BundleManifest reference(PipelinePreset p, SafetensorsDtype dtype, String out) throws Exception {
        SyntheticCheckpoint syn = new SyntheticCheckpoint(p.weightSeed());
        Checkpoint rounded = new Checkpoint() {
            @Override
            public float[] tensor(String name, int... shape) {
                float[] v = syn.tensor(name, shape);
                for (int i = 0; i < v.length; i++) v[i] = SafetensorsWriter.roundTrip(dtype, v[i]);
                return v;
            }

            @Override
            public String describe() {
                return "rounded";
            }
        };
        PipelineSource src = new PipelineSource(p, rounded, rounded, rounded, null, List.of(), List.of(), "rounded " + dtype);
        return BundleConverter.convert(ConvertRequest.of(src, dir.resolve(out))).manifest();
    }

    @Test
    void diffusersFolder_f32_sameFilesAsSyntheticDemo() throws Exception {
        PipelinePreset p = Presets.builtIn("demo:sd15");
        TinyCheckpoints.diffusers(p, dir.resolve("sd15"), TinyCheckpoints.Options.F32);
        BundleManifest demo = convert("synthetic:demo:sd15", "demo");
        BundleManifest folder = convert(dir.resolve("sd15").toString(), "folder");
        assertThat(hashes(folder)).isEqualTo(hashes(demo)).hasSizeGreaterThan(10);
        assertThat(folder.variant()).isEqualTo("sd15");
        assertThat(folder.predictionType()).isEqualTo("epsilon");
    }

    @Test
    void diffusersFolder_f16ShardedOldVaeNames_equalsRoundedSynthetic() throws Exception {
        PipelinePreset p = Presets.builtIn("demo:sd15");
        TinyCheckpoints.diffusers(p, dir.resolve("sd15"), new TinyCheckpoints.Options(SafetensorsDtype.F16, 3, true));
        assertThat(dir.resolve("sd15/unet/diffusion_pytorch_model.safetensors.index.json")).exists();
        assertThat(dir.resolve("sd15/unet/diffusion_pytorch_model-00003-of-00003.safetensors")).exists();
        StringBuilder vaeNames = new StringBuilder();
        try (var files = Files.list(dir.resolve("sd15/vae"))) {
            for (Path f : files.filter(x -> x.toString().endsWith(".safetensors")).toList()) {
                try (SafetensorsFile sf = SafetensorsFile.open(f)) {
                    vaeNames.append(sf.tensors().keySet());
                }
            }
        }
        assertThat(vaeNames.toString()).contains("decoder.mid_block.attentions.0.proj_attn.weight", "attentions.0.query.weight")
                .doesNotContain("to_out.0");
        BundleManifest ref = reference(p, SafetensorsDtype.F16, "ref");
        BundleManifest folder = convert(dir.resolve("sd15").toString(), "folder");
        assertThat(hashes(folder)).isEqualTo(hashes(ref));
    }

    @Test
    void diffusersFolder_bf16UnevenSnapFusionStages_equalsRoundedSynthetic() throws Exception {
        PipelinePreset p = Presets.builtIn("demo:snapfusion");
        TinyCheckpoints.diffusers(p, dir.resolve("sf"), new TinyCheckpoints.Options(SafetensorsDtype.BF16, 1, false));
        assertThat(Files.readString(dir.resolve("sf/unet/config.json"))).contains(DiffusersConfigs.STAGES_KEY);
        BundleManifest ref = reference(p, SafetensorsDtype.BF16, "ref");
        BundleManifest folder = convert(dir.resolve("sf").toString(), "folder");
        assertThat(hashes(folder)).isEqualTo(hashes(ref));
        assertThat(folder.variant()).isEqualTo("snapfusion");
        assertThat(folder.predictionType()).isEqualTo("v_prediction");
    }

    @Test
    void ldmSingleFile_f32_sameFilesAsSyntheticDemo() throws Exception {
        PipelinePreset p = Presets.builtIn("demo:sd15");
        Path file = dir.resolve("v1-5-tiny.safetensors");
        TinyCheckpoints.ldm(p, file, SafetensorsDtype.F32);
        try (var in = Presets.class.getResourceAsStream("/dev/snapfusion/assets/presets/demo-sd15.json")) {
            Files.write(dir.resolve("v1-5-tiny.preset.json"), in.readAllBytes());
        }
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.tensors()).containsKeys("model.diffusion_model.input_blocks.0.0.weight", "model.diffusion_model.output_blocks.2.1.conv.weight",
                    "first_stage_model.decoder.mid.attn_1.q.weight", "cond_stage_model.transformer.text_model.final_layer_norm.weight");
            assertThat(f.info("first_stage_model.decoder.mid.attn_1.q.weight").shape()).hasSize(4);
        }
        BundleManifest demo = convert("synthetic:demo:sd15", "demo");
        BundleManifest ldm = convert(file.toString(), "ldm");
        assertThat(hashes(ldm)).isEqualTo(hashes(demo));
    }

    @Test
    void diffusersFolder_missingAndLeftoverTensors_errorListsNamesAndPublishesNothing() throws Exception {
        PipelinePreset p = Presets.builtIn("demo:sd15");
        Path folder = dir.resolve("sd15");
        TinyCheckpoints.diffusers(p, folder, TinyCheckpoints.Options.F32);
        Path unetFile = folder.resolve("unet/diffusion_pytorch_model.safetensors");
        SafetensorsWriter w = new SafetensorsWriter();
        try (SafetensorsFile f = SafetensorsFile.open(unetFile)) {
            for (var t : f.tensors().values()) {
                if (t.name().equals("down_blocks.1.attentions.0.proj_in.bias")) continue;   // missing
                w.add(t.name(), t.dtype(), t.shape(), f.floats(t.name()));
            }
        }
        w.add("down_blocks.0.foo.weight", SafetensorsDtype.F32, new int[] {2}, new float[2]);   // leftover
        w.add("extra_head.bias", SafetensorsDtype.F32, new int[] {1}, new float[1]);
        w.write(unetFile);
        assertThatThrownBy(() -> convert(folder.toString(), "out")).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("unet: 1 missing tensor: down_blocks.1.attentions.0.proj_in.bias")
                .hasMessageContaining("unet: 2 leftover tensors: down_blocks.0.foo.weight, extra_head.bias")
                .hasMessageContaining(folder.toString());
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void diffusersFolder_wrongShape_namesTensorAndBothShapes() throws Exception {
        PipelinePreset p = Presets.builtIn("demo:sd15");
        Path folder = dir.resolve("sd15");
        TinyCheckpoints.diffusers(p, folder, TinyCheckpoints.Options.F32);
        Path cfg = folder.resolve("unet/config.json");
        Files.writeString(cfg, Files.readString(cfg).replace("\"cross_attention_dim\" : 64", "\"cross_attention_dim\" : 32"));
        assertThatThrownBy(() -> convert(folder.toString(), "out")).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("attn2.to_k.weight has shape [32, 64], the architecture needs [32, 32]");
    }

    @Test
    void folderWithoutModelIndex_andMissingWeights_clearErrors() throws Exception {
        PipelinePreset p = Presets.builtIn("demo:sd15");
        Path folder = dir.resolve("sd15");
        TinyCheckpoints.diffusers(p, folder, TinyCheckpoints.Options.F32);
        Files.delete(folder.resolve("vae/diffusion_pytorch_model.safetensors"));
        Files.write(folder.resolve("vae/diffusion_pytorch_model.bin"), new byte[4]);
        assertThatThrownBy(() -> convert(folder.toString(), "out")).hasMessageContaining(folder.resolve("vae").toString())
                .hasMessageContaining("diffusion_pytorch_model.bin").hasMessageContaining("safe_serialization=True");
        Files.delete(folder.resolve("model_index.json"));
        assertThatThrownBy(() -> convert(folder.toString(), "out")).hasMessageContaining("no model_index.json");
    }

    @Test
    void derive_snapfusionFromTinySd15Folder_keepsParentBlocks() throws Exception {
        PipelinePreset sd = Presets.builtIn("demo:sd15");
        Path folder = dir.resolve("sd15");
        TinyCheckpoints.diffusers(sd, folder, TinyCheckpoints.Options.F32);
        BundleManifest parent = convert(folder.toString(), "parent");
        BundleManifest derived = convert("derive:demo:snapfusion:" + folder, "derived");

        assertThat(derived.variant()).isEqualTo("snapfusion");
        assertThat(derived.predictionType()).as("the weights are SD's, so they still predict epsilon").isEqualTo("epsilon");
        assertThat(derived.blocks().stream().filter(b -> b.stage().equals("up.1") && b.kind().name().equals("CROSS_ATTENTION")))
                .hasSize(6);
        Map<String, String> ph = hashes(parent), dh = hashes(derived);
        // Blocks kept with the same id, weights and inputs are the very same files.
        for (String f : List.of("unet_blocks/000_stem.time_embedding.tflite", "unet_blocks/001_stem.conv_in.tflite",
                "text_encoder.tflite", "vae_decoder.tflite")) {
            assertThat(dh.get(f)).as(f).isEqualTo(ph.get(f));
        }
        assertThat(derived.component("unet").params()).isLessThan(parent.component("unet").params());
    }

    @Test
    void derive_mappingRule_upStagesFromTheEndAttentionsCycle() {
        PipelinePreset sd = Presets.builtIn("demo:sd15"), sf = Presets.builtIn("demo:snapfusion");
        SyntheticCheckpoint syn = new SyntheticCheckpoint(1);
        DerivedCheckpoint d = new DerivedCheckpoint(sd.unet(), sf.unet(), syn);
        assertThat(d.parentName("up_blocks.1.resnets.1.conv1.weight")).isEqualTo("up_blocks.1.resnets.2.conv1.weight");
        assertThat(d.parentName("up_blocks.1.resnets.0.conv1.weight")).isEqualTo("up_blocks.1.resnets.1.conv1.weight");
        assertThat(d.parentName("up_blocks.0.resnets.0.norm1.weight")).isEqualTo("up_blocks.0.resnets.1.norm1.weight");
        assertThat(d.parentName("up_blocks.1.attentions.4.proj_in.weight")).isEqualTo("up_blocks.1.attentions.1.proj_in.weight");
        assertThat(d.parentName("down_blocks.2.attentions.1.norm.bias")).isEqualTo("down_blocks.2.attentions.1.norm.bias");
        assertThat(d.parentName("down_blocks.3.resnets.0.conv2.bias")).isEqualTo("down_blocks.3.resnets.0.conv2.bias");
        assertThat(d.parentName("mid_block.attentions.0.proj_out.weight")).isEqualTo("mid_block.attentions.0.proj_out.weight");
        assertThat(d.parentName("conv_in.weight")).isEqualTo("conv_in.weight");
        assertThat(d.tensor("up_blocks.1.resnets.1.conv1.weight", 128, 192, 3, 3))
                .containsExactly(syn.tensor("up_blocks.1.resnets.2.conv1.weight", 128, 192, 3, 3));
        assertThatThrownBy(() -> new DerivedCheckpoint(sf.unet(), sd.unet(), syn))
                .hasMessageContaining("derive: stage down.0 has 2 cross_attention blocks but the parent has none");
        Map<String, List<String>> more = new java.util.LinkedHashMap<>(sd.unet().stages());
        more.put("up.0", List.of("resnet", "resnet", "resnet", "resnet"));
        var u = sd.unet();
        var bigger = new dev.snapfusion.bridge.arch.UnetConfig(u.inChannels(), u.outChannels(), u.blockOutChannels(), u.normNumGroups(),
                u.normEps(), u.attentionHeads(), u.crossAttentionDim(), more);
        assertThatThrownBy(() -> new DerivedCheckpoint(u, bigger, syn)).hasMessageContaining("stage up.0 has 4 resnets, the parent only 3")
                .hasMessageContaining("cannot be added");
    }

    /** demo:sd15 cut to BK-SDM-Tiny's shape: three levels, no mid block, one resnet+attention per down stage. */
    private Path tinyBkSdm() throws Exception {
        String json = new String(Presets.class.getResourceAsStream("/dev/snapfusion/assets/presets/demo-sd15.json").readAllBytes());
        int a = json.indexOf("\"stages\"");
        int b = json.indexOf("}", a);
        String stages = "\"stages\": {\"down.0\": [\"resnet\", \"cross_attention\"], \"down.1\": [\"resnet\", \"cross_attention\"],"
                + " \"down.2\": [\"resnet\", \"cross_attention\"], \"mid\": [],"
                + " \"up.0\": [\"resnet\", \"cross_attention\", \"resnet\", \"cross_attention\"],"
                + " \"up.1\": [\"resnet\", \"cross_attention\", \"resnet\", \"cross_attention\"],"
                + " \"up.2\": [\"resnet\", \"cross_attention\", \"resnet\", \"cross_attention\"]";
        json = json.substring(0, a) + stages + json.substring(b).replace("[32, 64, 96, 96]", "[32, 64, 96]")
                .replace("\"name\": \"demo:sd15\"", "\"name\": \"tiny-bk-sdm-tiny\"");
        json = json.replace("[32, 64, 96, 96]", "[32, 64, 96]");
        Path f = dir.resolve("tiny-bk.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void diffusersFolder_threeLevelBkSdmTinyShape_convertsAndRunsBlockwiseEqualWhole() throws Exception {
        PipelinePreset p = Presets.read(tinyBkSdm());
        assertThat(p.unet().levels()).isEqualTo(3);
        TinyCheckpoints.diffusers(p, dir.resolve("bk"), TinyCheckpoints.Options.F32);
        assertThat(Files.readString(dir.resolve("bk/unet/config.json"))).contains("\"mid_block_type\" : null")
                .doesNotContain(DiffusersConfigs.STAGES_KEY);
        BundleManifest folder = convert(dir.resolve("bk").toString(), "folder");
        BundleManifest ref = reference(p, SafetensorsDtype.F32, "ref");
        assertThat(hashes(folder)).isEqualTo(hashes(ref));
        assertThat(folder.blocks().stream().map(x -> x.id())).contains("down.1.downsample").doesNotContain("down.2.downsample", "mid.resnet.0");

        var events = new java.io.ByteArrayOutputStream();
        var pipeline = new dev.snapfusion.runner.pipeline.Pipeline(new dev.snapfusion.runner.protocol.RunnerEventWriter(
                new java.io.PrintStream(events, true, "UTF-8")));
        for (var mode : List.of(dev.snapfusion.runner.protocol.RunMode.BLOCKWISE, dev.snapfusion.runner.protocol.RunMode.WHOLE)) {
            pipeline.run(new dev.snapfusion.runner.protocol.RunRequest(dir.resolve("folder").toString(), dir.resolve("run-" + mode).toString(),
                    "a photo of a cat", "", 42, 2, 7.5, mode, 2, true, null));
        }
        var a = javax.imageio.ImageIO.read(dir.resolve("run-BLOCKWISE/image.png").toFile());
        var b = javax.imageio.ImageIO.read(dir.resolve("run-WHOLE/image.png").toFile());
        int maxDiff = 0;
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < a.getHeight(); y++)
            for (int x = 0; x < a.getWidth(); x++) {
                colours.add(a.getRGB(x, y));
                for (int sh = 0; sh < 24; sh += 8) {
                    maxDiff = Math.max(maxDiff, Math.abs(((a.getRGB(x, y) >> sh) & 255) - ((b.getRGB(x, y) >> sh) & 255)));
                }
            }
        assertThat(colours.size()).as("image is not constant").isGreaterThan(100);
        assertThat(maxDiff).as("blockwise equals whole up to rounding").isLessThanOrEqualTo(1);
    }
}
