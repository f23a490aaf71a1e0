package dev.snapfusion.bridge.toy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snapfusion.bridge.arch.Presets;
import dev.snapfusion.bridge.demo.DemoVocabulary;
import dev.snapfusion.bridge.source.TinyCheckpoints;
import dev.snapfusion.runner.text.ClipTokenizer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The training set of the toy pair (tools/toy-train): everything a trainer needs, written by the same generator
 * and tokenizer the studio uses, so the trainer needs no copy of either.
 *
 * <ul>
 *   <li>{@code train-images.u8}: training samples 0..count-1, raw RGB bytes, [count, size, size, 3], row-major;</li>
 *   <li>{@code train-captions.txt}: their captions, one per line, in the same order;</li>
 *   <li>{@code eval-captions.txt}: the 168 evaluation captions; entry k's diffusion seed is 2k + 1;</li>
 *   <li>{@code tokens.json}: {@code max_length}, the token ids of every caption of the grammar and of the empty
 *       prompt ({@code uncond}, the classifier-free guidance input), from the demo CLIP vocabulary;</li>
 *   <li>{@code templates/sd15}, {@code templates/snapfusion}: diffusers folders of the demo presets with synthetic
 *       weights: the configs and the exact tensor names and shapes the converter reads;</li>
 *   <li>{@code meta.json}: count, size, and the files' shapes.</li>
 * </ul>
 */
public final class ToyTrainset {
    public static final int MAX_TOKENS = 77;

    private ToyTrainset() {
    }

    /** Writes the set; {@code progress} gets the number of images written so far. */
    public static void write(Path dir, int count, int size, IntConsumer progress) throws IOException {
        if (count < 1) throw new IllegalArgumentException("count must be ≥ 1, got " + count);
        if (size < ToyWorld.MIN_SIZE) throw new IllegalArgumentException("size must be ≥ " + ToyWorld.MIN_SIZE + " px, got " + size);
        Files.createDirectories(dir);
        List<String> captions = new ArrayList<>(count);
        Path images = dir.resolve("train-images.u8");
        Path partial = dir.resolve("train-images.u8.part");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20)) {
            for (int i = 0; i < count; i++) {
                ToyScene scene = ToyWorld.sample(ToySplit.TRAIN, i);
                out.write(scene.render(size).rgb());
                captions.add(scene.caption().text());
                if ((i + 1) % 500 == 0 || i + 1 == count) progress.accept(i + 1);
            }
        }
        Files.move(partial, images, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.write(dir.resolve("train-captions.txt"), captions, StandardCharsets.UTF_8);
        List<String> eval = new ArrayList<>();
        for (ToyCaption c : ToyWorld.EVAL_CAPTIONS) eval.add(c.text());
        Files.write(dir.resolve("eval-captions.txt"), eval, StandardCharsets.UTF_8);

        Path tokDir = dir.resolve("tokenizer");
        DemoVocabulary.write(tokDir);
        ClipTokenizer tok = ClipTokenizer.load(tokDir.resolve("vocab.json").toFile(), tokDir.resolve("merges.txt").toFile());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode tokens = json.createObjectNode();
        tokens.put("max_length", MAX_TOKENS);
        tokens.put("vocab_size", DemoVocabulary.vocabSize());
        tokens.set("uncond", ids(json, tok.encode("", MAX_TOKENS)));
        ObjectNode byCaption = tokens.putObject("captions");
        Map<String, int[]> all = new LinkedHashMap<>();
        for (ToyCaption c : ToyWorld.EVAL_CAPTIONS) all.put(c.text(), tok.encode(c.text(), MAX_TOKENS));
        all.forEach((k, v) -> byCaption.set(k, ids(json, v)));
        json.writeValue(dir.resolve("tokens.json").toFile(), tokens);

        TinyCheckpoints.diffusers(Presets.builtIn("demo:sd15"), dir.resolve("templates/sd15"), TinyCheckpoints.Options.F32);
        TinyCheckpoints.diffusers(Presets.builtIn("demo:snapfusion"), dir.resolve("templates/snapfusion"), TinyCheckpoints.Options.F32);

        ObjectNode meta = json.createObjectNode();
        meta.put("count", count);
        meta.put("size", size);
        meta.put("images", "train-images.u8");
        meta.putArray("images_shape").add(count).add(size).add(size).add(3);
        meta.put("captions", "train-captions.txt");
        meta.put("eval_captions", "eval-captions.txt");
        meta.put("eval_seed", "2k + 1 for entry k");
        json.writeValue(dir.resolve("meta.json").toFile(), meta);
    }

    private static ArrayNode ids(ObjectMapper json, int[] ids) {
        ArrayNode a = json.createArrayNode();
        for (int id : ids) a.add(id);
        return a;
    }
}
