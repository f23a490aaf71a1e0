package dev.snapfusion.bridge.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tensors of one safetensors file or of a sharded set listed by a {@code *.safetensors.index.json}
 * ({@code weight_map}: tensor name → shard file). Reads stay memory-mapped; nothing is cached.
 * Thread-safe.
 *
 * <pre>{@code
 * try (SafetensorsCheckpoint unet = SafetensorsCheckpoint.open(Path.of("sd15/unet/diffusion_pytorch_model.safetensors"))) {
 *     float[] w = unet.tensor("conv_in.weight", 320, 4, 3, 3);
 * }
 * }</pre>
 */
public final class SafetensorsCheckpoint implements NamedCheckpoint, AutoCloseable {
    private final String description;
    private final List<SafetensorsFile> files;
    private final Map<String, SafetensorsFile> byName;

    private SafetensorsCheckpoint(String description, List<SafetensorsFile> files, Map<String, SafetensorsFile> byName) {
        this.description = description;
        this.files = files;
        this.byName = byName;
    }

    /** A {@code .safetensors} file, or a {@code .safetensors.index.json} naming shards next to it. */
    public static SafetensorsCheckpoint open(Path file) {
        if (file.getFileName().toString().endsWith(".index.json")) return openSharded(file);
        SafetensorsFile f = SafetensorsFile.open(file);
        return new SafetensorsCheckpoint(file.toString(), List.of(f), indexOf(List.of(f)));
    }

    private static SafetensorsCheckpoint openSharded(Path index) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(index));
        } catch (IOException e) {
            throw new CheckpointException(index + ": cannot read shard index: " + e.getMessage());
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject()) throw new CheckpointException(index + ": no weight_map object");
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        Map<String, SafetensorsFile> byName = new LinkedHashMap<>();
        try {
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String shard = e.getValue().asText();
                if (shard.contains("/") || shard.contains("\\")) {
                    throw new CheckpointException(index + ": weight_map." + e.getKey() + " names '" + shard + "', not a file next to the index");
                }
                SafetensorsFile f = shards.get(shard);
                if (f == null) {
                    Path p = index.resolveSibling(shard);
                    if (!Files.isRegularFile(p)) throw new CheckpointException(index + ": shard " + shard + " (for " + e.getKey() + ") is missing");
                    f = SafetensorsFile.open(p);
                    shards.put(shard, f);
                }
                if (!f.tensors().containsKey(e.getKey())) {
                    throw new CheckpointException(index + ": weight_map puts " + e.getKey() + " in " + shard + ", which has no such tensor");
                }
                byName.put(e.getKey(), f);
            }
            for (SafetensorsFile f : shards.values()) {
                for (String n : f.tensors().keySet()) {
                    if (byName.get(n) != f) {
                        throw new CheckpointException(index + ": " + f.path().getFileName() + " holds " + n + ", which weight_map does not place there");
                    }
                }
            }
        } catch (RuntimeException e) {
            shards.values().forEach(SafetensorsFile::close);
            throw e;
        }
        return new SafetensorsCheckpoint(index + " (" + shards.size() + " shards)", new ArrayList<>(shards.values()), byName);
    }

    private static Map<String, SafetensorsFile> indexOf(List<SafetensorsFile> files) {
        Map<String, SafetensorsFile> m = new LinkedHashMap<>();
        for (SafetensorsFile f : files) for (String n : f.tensors().keySet()) m.put(n, f);
        return m;
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }

    @Override
    public int[] shape(String name) {
        return file(name).info(name).shape().clone();
    }

    @Override
    public float[] tensor(String name, int... shape) {
        SafetensorsFile f = file(name);
        int[] stored = f.info(name).shape();
        if (!Arrays.equals(stored, shape)) {
            throw new CheckpointException(description + ": " + name + " has shape " + Arrays.toString(stored) + ", the architecture needs "
                    + Arrays.toString(shape));
        }
        return f.floats(name);
    }

    private SafetensorsFile file(String name) {
        SafetensorsFile f = byName.get(name);
        if (f == null) throw new CheckpointException(description + ": missing tensor " + name);
        return f;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        files.forEach(SafetensorsFile::close);
    }
}
