package dev.snapfusion.bridge.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snapfusion.bridge.arch.PipelinePreset;
import dev.snapfusion.bridge.demo.DemoVocabulary;
import dev.snapfusion.bridge.graph.TextEncoderBuilder;
import dev.snapfusion.bridge.graph.UnetBuilder;
import dev.snapfusion.bridge.graph.VaeDecoderBuilder;
import dev.snapfusion.bridge.tflite.Half;
import dev.snapfusion.bridge.tflite.WeightFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small but complete checkpoints in the layouts users have, for tests and tools: a diffusers
 * folder ({@code save_pretrained} layout, configs spelled as diffusers/transformers spell them) or an
 * original single-file LDM checkpoint. Values come from {@link SyntheticCheckpoint} with the preset's
 * seed, so a converted tiny checkpoint must equal the demo conversion of the same preset. The files
 * also carry what real ones carry and the converter must skip: VAE encoder and quant_conv,
 * {@code position_ids}, and (LDM) EMA and noise-schedule buffers. The tensor list comes from running
 * the graph builders once, so it is exactly what the converter asks for: meant for small presets.
 *
 * <pre>{@code
 * TinyCheckpoints.diffusers(Presets.builtIn("demo:sd15"), dir, new TinyCheckpoints.Options(SafetensorsDtype.F16, 2, true));
 * }</pre>
 */
public final class TinyCheckpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TOKENS = 77;

    /**
     * @param shards      1 for single files, more for {@code *.safetensors.index.json} sharding
     * @param oldVaeNames VAE attention as {@code query/key/value/proj_attn} instead of {@code to_q/to_k/to_v/to_out.0}
     */
    public record Options(SafetensorsDtype dtype, int shards, boolean oldVaeNames) {
        public static final Options F32 = new Options(SafetensorsDtype.F32, 1, false);
    }

    private TinyCheckpoints() {
    }

    /** Writes a diffusers folder for {@code preset} into {@code dir}. */
    public static void diffusers(PipelinePreset preset, Path dir, Options o) throws IOException {
        Files.createDirectories(dir);
        SyntheticCheckpoint syn = new SyntheticCheckpoint(preset.weightSeed());
        int vocab = DemoVocabulary.vocabSize();
        int sample = preset.latentHeight();
        writeJson(dir.resolve("model_index.json"), DiffusersConfigs.modelIndexJson());
        writeJson(dir.resolve("unet/config.json"), DiffusersConfigs.unetJson(preset.unet(), sample));
        writeJson(dir.resolve("vae/config.json"), DiffusersConfigs.vaeJson(preset.vaeDecoder(), sample * 8));
        writeJson(dir.resolve("text_encoder/config.json"), DiffusersConfigs.textJson(preset.textEncoder(), vocab));
        writeJson(dir.resolve("scheduler/scheduler_config.json"), DiffusersConfigs.schedulerJson(preset.predictionType()));
        DemoVocabulary.write(dir.resolve("tokenizer"));
        ObjectNode tok = JSON.createObjectNode().put("model_max_length", TOKENS).put("tokenizer_class", "CLIPTokenizer");
        writeJson(dir.resolve("tokenizer/tokenizer_config.json"), tok);

        List<Tensor> unet = floats(unetTensors(preset), syn, o.dtype(), n -> n);
        write(dir.resolve("unet"), "diffusion_pytorch_model", unet, o.shards());

        List<Tensor> vae = floats(vaeTensors(preset), syn, o.dtype(), n -> o.oldVaeNames() ? oldVaeName(n) : n);
        vae.addAll(floats(vaeEncoderExtras(preset), syn, o.dtype(), n -> n));
        write(dir.resolve("vae"), "diffusion_pytorch_model", vae, o.shards());

        List<Tensor> text = floats(textTensors(preset, vocab), syn, o.dtype(), n -> n);
        text.add(positionIds("text_model.embeddings.position_ids", preset.textEncoder().maxPositionEmbeddings()));
        write(dir.resolve("text_encoder"), "model", text, o.shards());
    }

    /** Writes an original single-file checkpoint (LDM key names) for {@code preset}. */
    public static void ldm(PipelinePreset preset, Path file, SafetensorsDtype dtype) throws IOException {
        SyntheticCheckpoint syn = new SyntheticCheckpoint(preset.weightSeed());
        LdmLayout layout = new LdmLayout(preset);
        List<Tensor> all = new ArrayList<>();
        all.addAll(floats(unetTensors(preset), syn, dtype, n -> require(layout.unetToLdm(n), n)));
        for (Map.Entry<String, int[]> e : vaeTensors(preset).entrySet()) {
            int[] s = e.getValue();
            // LDM's VAE attention projections are 1x1 convs [C, C, 1, 1].
            int[] stored = e.getKey().contains(".attentions.") && s.length == 2 ? new int[] {s[0], s[1], 1, 1} : s;
            all.add(new Tensor(require(layout.vaeToLdm(e.getKey()), e.getKey()), dtype, stored, syn.tensor(e.getKey(), s), null));
        }
        all.addAll(floats(vaeEncoderExtras(preset), syn, dtype, n -> LdmLayout.VAE + n));
        all.addAll(floats(textTensors(preset, DemoVocabulary.vocabSize()), syn, dtype, LdmLayout::textToLdm));
        all.add(positionIds(LdmLayout.textToLdm("text_model.embeddings.position_ids"), preset.textEncoder().maxPositionEmbeddings()));
        all.add(new Tensor("alphas_cumprod", SafetensorsDtype.F32, new int[] {1000}, new float[1000], null));
        all.add(new Tensor("model_ema.decay", SafetensorsDtype.F32, new int[0], new float[] {0.9999f}, null));
        SafetensorsWriter w = new SafetensorsWriter();
        all.forEach(t -> t.addTo(w));
        w.write(file);
    }

    /**
     * Overwrites value {@code index} (flat, row-major) of {@code tensor} in the safetensors {@code file} in place, in the
     * tensor's dtype: how tests give a checkpoint NaN or Inf in a named tensor.
     */
    public static void setValue(Path file, String tensor, long index, float value) throws IOException {
        SafetensorsTensor t;
        long at;
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            t = f.info(tensor);
            if (index < 0 || index >= t.elements()) {
                throw new IllegalArgumentException(tensor + ": index " + index + " outside its " + t.elements() + " values");
            }
            at = f.dataStart() + t.begin() + index * t.dtype().bytes();
        }
        ByteBuffer b = ByteBuffer.allocate(t.dtype().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype()) {
            case F32 -> b.putFloat(value);
            case F16 -> b.putShort(Half.fromFloat(value));
            case BF16 -> b.putShort(SafetensorsWriter.toBf16(value));
            default -> throw new IllegalArgumentException(tensor + " is " + t.dtype() + ", not a float tensor");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(b.flip(), at);
        }
    }

    private static String require(String mapped, String name) {
        if (mapped == null) throw new IllegalStateException("no LDM name for " + name);
        return mapped;
    }

    /** The UNet tensors the converter reads for {@code preset}, in request order. */
    public static Map<String, int[]> unetTensors(PipelinePreset p) {
        RecordingCheckpoint r = new RecordingCheckpoint(new SyntheticCheckpoint(p.weightSeed()));
        new UnetBuilder(p.unet(), p.latentHeight(), p.latentWidth(), TOKENS).buildWhole("unet", r, WeightFormat.FP32);
        return r.seen();
    }

    public static Map<String, int[]> vaeTensors(PipelinePreset p) {
        RecordingCheckpoint r = new RecordingCheckpoint(new SyntheticCheckpoint(p.weightSeed()));
        new VaeDecoderBuilder(p.vaeDecoder()).build("vae", r, 8, 8, WeightFormat.FP32);
        return r.seen();
    }

    public static Map<String, int[]> textTensors(PipelinePreset p, int vocabSize) {
        RecordingCheckpoint r = new RecordingCheckpoint(new SyntheticCheckpoint(p.weightSeed()));
        new TextEncoderBuilder(p.textEncoder()).build("text", r, vocabSize, WeightFormat.FP32);
        return r.seen();
    }

    /** A few encoder-side tensors that a real VAE file has and the decoder-only converter must skip. */
    private static Map<String, int[]> vaeEncoderExtras(PipelinePreset p) {
        int c0 = p.vaeDecoder().blockOutChannels().get(0), z = p.vaeDecoder().latentChannels();
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("encoder.conv_in.weight", new int[] {c0, 3, 3, 3});
        m.put("encoder.conv_in.bias", new int[] {c0});
        m.put("quant_conv.weight", new int[] {2 * z, 2 * z, 1, 1});
        m.put("quant_conv.bias", new int[] {2 * z});
        return m;
    }

    static String oldVaeName(String n) {
        if (!n.contains(".attentions.")) return n;
        return n.replace(".to_q.", ".query.").replace(".to_k.", ".key.").replace(".to_v.", ".value.").replace(".to_out.0.", ".proj_attn.");
    }

    private record Tensor(String name, SafetensorsDtype dtype, int[] shape, float[] values, byte[] raw) {
        void addTo(SafetensorsWriter w) {
            if (raw != null) w.addRaw(name, dtype, shape, raw);
            else w.add(name, dtype, shape, values);
        }

        long bytes() {
            return raw != null ? raw.length : (long) values.length * dtype.bytes();
        }
    }

    private static List<Tensor> floats(Map<String, int[]> shapes, SyntheticCheckpoint syn, SafetensorsDtype dtype,
                                       java.util.function.UnaryOperator<String> rename) {
        List<Tensor> out = new ArrayList<>();
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            out.add(new Tensor(rename.apply(e.getKey()), dtype, e.getValue(), syn.tensor(e.getKey(), e.getValue()), null));
        }
        return out;
    }

    private static Tensor positionIds(String name, int n) {
        ByteBuffer b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) b.putLong(i);
        return new Tensor(name, SafetensorsDtype.I64, new int[] {1, n}, null, b.array());
    }

    private static void write(Path dir, String stem, List<Tensor> tensors, int shards) throws IOException {
        Files.createDirectories(dir);
        if (shards <= 1) {
            SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
            tensors.forEach(t -> t.addTo(w));
            w.write(dir.resolve(stem + ".safetensors"));
            return;
        }
        ObjectNode index = JSON.createObjectNode();
        ObjectNode map = JSON.createObjectNode();
        long total = 0;
        int per = (tensors.size() + shards - 1) / shards;
        for (int s = 0; s < shards; s++) {
            String file = String.format("%s-%05d-of-%05d.safetensors", stem, s + 1, shards);
            SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
            for (Tensor t : tensors.subList(Math.min(s * per, tensors.size()), Math.min((s + 1) * per, tensors.size()))) {
                t.addTo(w);
                map.put(t.name(), file);
                total += t.bytes();
            }
            w.write(dir.resolve(file));
        }
        index.putObject("metadata").put("total_size", total);
        index.set("weight_map", map);
        writeJson(dir.resolve(stem + ".safetensors.index.json"), index);
    }

    private static void writeJson(Path file, ObjectNode node) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
    }
}
