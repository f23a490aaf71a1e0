package dev.snapfusion.studio.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunRequestCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An evaluation resumed into an old folder keeps only the runs this bundle would make: same bundle id, caption, seed,
 * default steps and CFG. Found when `studio demo --out` reused a folder of earlier weights sampled at CFG 7.5.
 */
class ToyEvaluationResumeTest {
    private static final String CAPTION = "a green circle on a red background";

    @TempDir
    Path tmp;

    private static BundleManifest manifest(String id, double cfg) {
        return BundleManifest.builder().id(id).variant("snapfusion").source("demo:snapfusion").quantization("fp32")
                .predictionType("v_prediction").defaults(8, cfg).latents(4, 16, 16, 0.18215)
                .tokenizer(77, "vocab.json", "merges.txt").timeEmbeddingDim(64).files(List.of()).build();
    }

    private Path run(String name, String bundleId, String caption, long seed, int steps, double cfg) throws Exception {
        Path run = Files.createDirectories(tmp.resolve(name));
        Files.writeString(run.resolve("timings.json"), "{}");
        Files.write(run.resolve("image.png"), new byte[] {1});
        Files.writeString(run.resolve("request.json"), RunRequestCodec.toJson(new RunRequest("/data/b", "/data/r", caption,
                "", seed, steps, cfg, RunMode.WHOLE, 1, true, null)));
        new RunInfo("virtual device", "virtual", bundleId, 1).write(run);
        return run;
    }

    @Test
    void done_sameBundleAndSettings_keepsTheRun() throws Exception {
        assertThat(ToyEvaluation.done(run("ok", "abc", CAPTION, 1, 8, 3.0), manifest("abc", 3.0), CAPTION, 1)).isTrue();
    }

    @Test
    void done_otherBundleCfgSeedCaptionOrSteps_makesItAgain() throws Exception {
        BundleManifest m = manifest("abc", 3.0);
        assertThat(ToyEvaluation.done(run("old-weights", "4db462375de2107c", CAPTION, 1, 8, 3.0), m, CAPTION, 1)).isFalse();
        assertThat(ToyEvaluation.done(run("old-cfg", "abc", CAPTION, 1, 8, 7.5), m, CAPTION, 1)).isFalse();
        assertThat(ToyEvaluation.done(run("other-seed", "abc", CAPTION, 3, 8, 3.0), m, CAPTION, 1)).isFalse();
        assertThat(ToyEvaluation.done(run("other-caption", "abc", "a red square on a blue background", 1, 8, 3.0), m,
                CAPTION, 1)).isFalse();
        assertThat(ToyEvaluation.done(run("other-steps", "abc", CAPTION, 1, 4, 3.0), m, CAPTION, 1)).isFalse();
    }

    @Test
    void done_unfinishedOrUnreadable_makesItAgain() throws Exception {
        BundleManifest m = manifest("abc", 3.0);
        Path noImage = run("no-image", "abc", CAPTION, 1, 8, 3.0);
        Files.delete(noImage.resolve("image.png"));
        assertThat(ToyEvaluation.done(noImage, m, CAPTION, 1)).isFalse();
        Path badRequest = run("bad-request", "abc", CAPTION, 1, 8, 3.0);
        Files.writeString(badRequest.resolve("request.json"), "{ not json");
        assertThat(ToyEvaluation.done(badRequest, m, CAPTION, 1)).isFalse();
    }
}
