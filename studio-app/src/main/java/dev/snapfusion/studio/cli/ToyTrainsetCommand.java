package dev.snapfusion.studio.cli;

import dev.snapfusion.bridge.toy.ToyTrainset;
import dev.snapfusion.bridge.toy.ToyWorld;
import dev.snapfusion.studio.common.StudioError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "trainset", description = "Write the training set of the toy pair (tools/toy-train): raw images, captions, "
        + "token ids and diffusers templates of the demo presets (docs/toy-models.md).")
final class ToyTrainsetCommand implements Callable<Integer> {
    @Option(names = "--count", required = true, description = "How many training samples.")
    int count;

    @Option(names = "--size", defaultValue = "128", description = "Image side in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--out", required = true, description = "Folder to write.")
    Path out;

    @Override
    public Integer call() {
        if (count < 1) throw new StudioError("--count must be ≥ 1, got " + count);
        if (size < ToyWorld.MIN_SIZE) throw new StudioError("--size must be ≥ " + ToyWorld.MIN_SIZE + " px, got " + size);
        try {
            ToyTrainset.write(out, count, size, n -> System.err.printf("\r%d / %d images", n, count));
        } catch (IOException e) {
            throw new StudioError("cannot write the training set to " + out + ": " + e.getMessage(), e);
        }
        System.err.println();
        System.out.printf("%d training samples (%d×%d) → %s%n", count, size, size, out);
        return 0;
    }
}
