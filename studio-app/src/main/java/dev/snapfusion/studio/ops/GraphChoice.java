package dev.snapfusion.studio.ops;

import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.bundle.Component;
import dev.snapfusion.runner.bundle.FileEntry;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Which .tflite of a bundle benchmark_model runs (docs/op-profiles.md): a component's whole graph by default, or a file
 * the user names inside the bundle, such as one of its {@code unet_blocks/}. Only files the manifest lists are taken,
 * so nothing outside the pushed bundle can be named. Stateless.
 */
public final class GraphChoice {
    public static final List<String> COMPONENTS = List.of(BundleManifest.UNET, BundleManifest.TEXT_ENCODER, BundleManifest.VAE_DECODER);

    private GraphChoice() {
    }

    /**
     * @param component {@code unet}, {@code text_encoder} or {@code vae_decoder}; used when {@code graph} is null
     * @param graph a path relative to the bundle folder, or null
     * @return the graph's path relative to the bundle, as the manifest lists it
     * @throws IllegalArgumentException naming the input and what to pick instead
     */
    public static String of(BundleManifest m, Path bundleDir, String component, String graph) {
        if (graph != null) return named(m, bundleDir, graph);
        if (!COMPONENTS.contains(component)) {
            throw new IllegalArgumentException("--component " + component + ": unknown; use one of " + String.join(", ", COMPONENTS));
        }
        Component c = m.components().get(component);
        if (c == null) {
            throw new IllegalArgumentException("the bundle " + bundleDir + " has no whole " + component + " graph (over TFLite's 2 GB "
                    + "limit at this precision?); profile one of its files with --graph, e.g. " + example(m));
        }
        return c.file();
    }

    private static String named(BundleManifest m, Path bundleDir, String graph) {
        String normal;
        try {
            Path p = Path.of(graph);
            normal = p.normalize().toString().replace('\\', '/');
            if (p.isAbsolute() || normal.startsWith("..")) normal = null;
        } catch (InvalidPathException e) {
            normal = null;
        }
        if (normal == null) {
            throw new IllegalArgumentException("--graph " + graph + " is outside the bundle " + bundleDir + "; name a .tflite file "
                    + "inside it, relative to it, e.g. " + example(m));
        }
        String rel = normal;
        if (!rel.endsWith(".tflite") || m.file(rel).isEmpty()) {
            throw new IllegalArgumentException("--graph " + graph + " is not a .tflite file of the bundle " + bundleDir
                    + " (its manifest lists none by that name); e.g. " + example(m));
        }
        return rel;
    }

    /** A whole graph and a block file of this bundle, for messages. */
    private static String example(BundleManifest m) {
        List<String> graphs = m.files().stream().map(FileEntry::path).filter(p -> p.endsWith(".tflite")).toList();
        String block = graphs.stream().filter(p -> p.contains("/")).findFirst().orElse(null);
        String whole = graphs.stream().filter(p -> !p.contains("/")).findFirst().orElse(null);
        if (whole == null && block == null) return "unet.tflite (this bundle lists no .tflite file)";
        return whole == null ? block : block == null ? whole : whole + " or " + block;
    }
}
