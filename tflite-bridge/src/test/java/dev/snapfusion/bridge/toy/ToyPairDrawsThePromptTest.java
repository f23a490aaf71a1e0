package dev.snapfusion.bridge.toy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.runner.bundle.BundleManifest;
import dev.snapfusion.runner.pipeline.Pipeline;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunnerEventWriter;
import dev.snapfusion.runner.tflite.TfliteRuntime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped toy pair through the studio's own chain: demo:* opens the diffusers folder from the assets, the bundle
 * carries the folder's own scheduler settings (SnapFusion: v-prediction, trailing spacing, so its 8 steps start at
 * t = 999; SD-v1.5: ε, leading, t = 981 first of 50) and the trained latent scaling factor, and the runner samples
 * with them on the desktop runtime. Prompt adherence is measured with `studio eval` (docs/toy-models.md), not gated here.
 */
class ToyPairDrawsThePromptTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"demo:snapfusion, v_prediction, trailing, 8, 999", "demo:sd15, epsilon, leading, 50, 981"})
    void bundle_carriesTheFoldersSchedule_andTheRunnerSamplesWithIt(String source, String prediction, String spacing, int steps,
                                                                    int firstTimestep) throws Exception {
        Path bundle = dir.resolve("bundle");
        BundleManifest m = BundleConverter.convert(source, Quantization.FP32, bundle, ConvertListener.NONE).manifest();
        assertThat(m.predictionType()).isEqualTo(prediction);
        assertThat(m.scheduler().timestepSpacing()).isEqualTo(spacing);
        assertThat(m.defaultSteps()).isEqualTo(steps);
        assertThat(m.scalingFactor()).as("the trained VAE's (vae/config.json), not SD's 0.18215").isBetween(0.2, 0.3);

        ToyCaption caption = ToyWorld.EVAL_CAPTIONS.get(0);
        RunRequest req = new RunRequest(bundle.toString(), dir.resolve("run").toString(), caption.text(), "", 1, m.defaultSteps(),
                m.defaultCfg(), RunMode.WHOLE, 2, true, null);
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        new Pipeline(new RunnerEventWriter(new PrintStream(events, true, StandardCharsets.UTF_8)), TfliteRuntime.named("desktop")).run(req);
        String log = events.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("\"event\":\"step\",\"index\":1,\"total\":" + steps + ",\"timestep\":" + firstTimestep);
        assertThat(dir.resolve("run/image.png")).isRegularFile();
    }
}
