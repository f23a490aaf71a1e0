package dev.snapfusion.studio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snapfusion.bridge.convert.BundleConverter;
import dev.snapfusion.bridge.convert.ConvertListener;
import dev.snapfusion.bridge.convert.Quantization;
import dev.snapfusion.runner.protocol.OpProfile;
import dev.snapfusion.runner.protocol.OpProfileCodec;
import dev.snapfusion.runner.protocol.Profile;
import dev.snapfusion.runner.protocol.RunRequestCodec;
import dev.snapfusion.studio.report.ComparisonReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code studio generate --profile ops} on the virtual device (its own JVM, through Debian's adb server): the runner
 * there uses the desktop runtime, writes op_profile.json, and the studio pulls it into the run folder, where the
 * comparison finds it.
 */
@Tag("adb")
class GenerateProfileAdbTest extends StudioProcessHarness {
    @Test
    void generate_profileOps_virtualDevice_pullsOpProfileWithUnetBlocks() throws Exception {
        assumeTrue(Files.isExecutable(ADB), "adb not installed");
        Files.createDirectories(tmp.resolve("home"));
        port = freePort();
        Path bundle = tmp.resolve("sf");
        BundleConverter.convert("demo:snapfusion", Quantization.FP32, bundle, ConvertListener.NONE);

        Path out = tmp.resolve("run");
        Result r = studio("generate", "--device", "virtual", "--bundle", bundle.toString(), "--prompt", "a red circle",
                "--steps", "2", "--blockwise", "--profile", "ops", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("notice (op_profile)");
        assertThat(r.out()).contains("op profile → " + out.resolve(OpProfile.FILE_NAME).toAbsolutePath());
        assertThat(RunRequestCodec.parse(Files.readString(out.resolve("request.json"), StandardCharsets.UTF_8)).profile())
                .isEqualTo(Profile.OPS);
        OpProfile p = OpProfileCodec.parse(Files.readString(out.resolve(OpProfile.FILE_NAME), StandardCharsets.UTF_8));
        assertThat(p.runtime()).startsWith("TFLite 2.21");
        assertThat(p.unetBlockMs()).containsKeys("stem.conv_in", "mid.cross_attention.0", "stem.conv_out");

        ComparisonReport c = ComparisonReport.fromRunDirs(out, out);
        assertThat(c.blockRows()).isNotEmpty().allSatisfy(row -> assertThat(row.firstOps()).isGreaterThanOrEqualTo(0));
    }
}
