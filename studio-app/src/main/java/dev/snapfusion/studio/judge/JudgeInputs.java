package dev.snapfusion.studio.judge;

import dev.snapfusion.bridge.toy.CaptionsFile;
import dev.snapfusion.bridge.toy.CaptionsFormatException;
import dev.snapfusion.runner.protocol.RunRequestCodec;
import dev.snapfusion.runner.protocol.RunTimings;
import dev.snapfusion.runner.protocol.RunTimingsCodec;
import dev.snapfusion.runner.protocol.RunnerProtocolException;
import dev.snapfusion.studio.common.StudioError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the images to judge under the folders the user names. A folder is one of: a pulled run (request.json holds
 * the prompt, timings.json the variant and the image's name), a folder of PNGs with a captions.jsonl, or a folder
 * whose immediate sub-folders are such. Anything else is a {@link StudioError} naming the path.
 */
public final class JudgeInputs {
    static final String REQUEST = "request.json";
    static final String TIMINGS = "timings.json";
    private static final String KINDS = "a run folder (request.json, timings.json, image.png), a folder of PNGs with "
            + CaptionsFile.NAME + ", or a folder of such folders";

    private JudgeInputs() {
    }

    /** As {@link #collect}, every image counted as {@code variant} (runs of one bundle, whatever their timings say). */
    public static List<JudgeItem> collectAs(List<Path> folders, String variant) {
        List<JudgeItem> out = new ArrayList<>();
        for (JudgeItem i : collect(folders)) out.add(new JudgeItem(i.image(), i.prompt(), variant));
        return out;
    }

    public static List<JudgeItem> collect(List<Path> folders) {
        if (folders.isEmpty()) throw new StudioError("name at least one folder to judge: " + KINDS);
        List<JudgeItem> out = new ArrayList<>();
        for (Path f : folders) out.addAll(itemsOf(f));
        return out;
    }

    private static List<JudgeItem> itemsOf(Path dir) {
        if (!Files.exists(dir)) throw new StudioError(dir + " does not exist");
        if (!Files.isDirectory(dir)) throw new StudioError(dir + " is not a folder; expected " + KINDS);
        if (isCaptionFolder(dir)) return captioned(dir);
        if (isRunFolder(dir)) return List.of(run(dir));
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.filter(Files::isDirectory).filter(c -> isCaptionFolder(c) || isRunFolder(c)).sorted().toList();
        } catch (IOException e) {
            throw new StudioError("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (children.isEmpty()) throw new StudioError(dir + " holds no runs; expected " + KINDS);
        List<JudgeItem> out = new ArrayList<>();
        for (Path c : children) out.addAll(isCaptionFolder(c) ? captioned(c) : List.of(run(c)));
        return out;
    }

    private static boolean isCaptionFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(CaptionsFile.NAME));
    }

    private static boolean isRunFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(REQUEST)) || Files.isRegularFile(dir.resolve(TIMINGS));
    }

    private static JudgeItem run(Path dir) {
        RunTimings timings;
        String prompt;
        try {
            timings = RunTimingsCodec.parse(read(dir, TIMINGS));
            prompt = RunRequestCodec.parse(read(dir, REQUEST)).prompt();
        } catch (RunnerProtocolException e) {
            throw new StudioError("run folder " + dir + " is malformed: " + e.getMessage(), e);
        }
        // the name comes from a file the phone wrote; refuse anything that escapes the run folder
        Path image = imageIn(dir, timings.image(), TIMINGS);
        return new JudgeItem(image, prompt, timings.variant());
    }

    private static List<JudgeItem> captioned(Path dir) {
        Path file = dir.resolve(CaptionsFile.NAME);
        List<CaptionsFile.Entry> entries;
        try {
            entries = CaptionsFile.read(file);
        } catch (CaptionsFormatException e) {
            throw new StudioError(e.getMessage(), e);
        } catch (IOException e) {
            throw new StudioError("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (entries.isEmpty()) throw new StudioError(file + " lists no images");
        String folderName = dir.toAbsolutePath().normalize().getFileName().toString();
        List<JudgeItem> out = new ArrayList<>();
        for (CaptionsFile.Entry e : entries) {
            out.add(new JudgeItem(imageIn(dir, e.file(), CaptionsFile.NAME), e.caption(),
                    e.variant() != null ? e.variant() : folderName));
        }
        return out;
    }

    private static Path imageIn(Path dir, String name, String namedIn) {
        Path image = dir.resolve(name).normalize();
        if (!image.startsWith(dir.normalize()) || !Files.isRegularFile(image)) {
            throw new StudioError(dir + " lacks the image '" + name + "' named in " + namedIn);
        }
        return image;
    }

    private static String read(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new StudioError("run folder " + dir + " lacks " + name
                    + (name.equals(TIMINGS) ? " (did the run finish? pull the whole run folder again)" : ""));
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StudioError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
