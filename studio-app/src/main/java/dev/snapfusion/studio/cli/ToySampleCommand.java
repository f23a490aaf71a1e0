package dev.snapfusion.studio.cli;

import dev.snapfusion.bridge.toy.CaptionsFile;
import dev.snapfusion.bridge.toy.ToySamples;
import dev.snapfusion.bridge.toy.ToySplit;
import dev.snapfusion.bridge.toy.ToyWorld;
import dev.snapfusion.studio.common.StudioError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sample", description = "Write toy-world samples as PNGs with a captions.jsonl: training data, or the fixed "
        + "evaluation list (each caption with its seed) and its ground-truth images.")
final class ToySampleCommand implements Callable<Integer> {
    @Option(names = "--count", required = true, description = "How many samples.")
    int count;

    @Option(names = "--out", required = true, description = "Folder for the PNGs and captions.jsonl.")
    Path out;

    @Option(names = "--size", defaultValue = "64", description = "Image side in pixels, at least 32 (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--split", defaultValue = "train", description = "train | eval (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--first", defaultValue = "0", description = "Index of the first sample in the split (default: ${DEFAULT-VALUE}).")
    long first;

    @Override
    public Integer call() {
        ToySplit s;
        try {
            s = ToySplit.parse(split);
        } catch (IllegalArgumentException e) {
            throw new StudioError("--split: " + e.getMessage());
        }
        if (count < 1) throw new StudioError("--count must be ≥ 1, got " + count);
        if (size < ToyWorld.MIN_SIZE) throw new StudioError("--size must be ≥ " + ToyWorld.MIN_SIZE + " px, got " + size);
        long lastFirst = ToySplit.MAX_INDEX - count + 1;
        if (first < 0 || first > lastFirst) throw new StudioError("--first must be 0.." + lastFirst + ", got " + first);
        try {
            ToySamples.write(out, s, first, count, size);
        } catch (IOException e) {
            throw new StudioError("cannot write samples to " + out + ": " + e.getMessage(), e);
        }
        System.out.printf("%d %s samples (%d×%d) → %s%n", count, s.wireName(), size, size, out.resolve(CaptionsFile.NAME));
        return 0;
    }
}
