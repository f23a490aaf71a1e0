package dev.snapfusion.bridge.convert;

import dev.snapfusion.bridge.tflite.Graph;
import dev.snapfusion.bridge.tflite.WeightFormat;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;

/**
 * Streams a graph into {@code <file>.partial} while it is built, then renames it to {@code file}: weights
 * go to disk as they are encoded (a model is never in memory whole), and a killed conversion leaves at
 * most a {@code .partial} file, never a truncated file under the final name.
 */
public final class GraphFiles {
    /** A written graph (its weights are gone; its tables and counts remain) and the file's size. */
    public record Written(Graph graph, long bytes) {
    }

    private GraphFiles() {
    }

    public static Written stream(Path file, WeightFormat format, Function<WeightFormat, Graph> build) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        boolean done = false;
        try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            Graph g = build.apply(format.streamingTo(ch));
            long size = g.finishTo();
            ch.truncate(size);
            ch.force(false);
            ch.close();
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
            return new Written(g, size);
        } finally {
            if (!done) Files.deleteIfExists(partial);
        }
    }
}
