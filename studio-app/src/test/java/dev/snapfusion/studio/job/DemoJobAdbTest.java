package dev.snapfusion.studio.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole main job on the built-in default, through a real adb server to the virtual device. */
@Tag("adb")
class DemoJobAdbTest {
    @TempDir
    Path tmp;

    @Test
    void demo_builtInDefault_reportMeetsTheWalkingSkeletonBar() throws Exception {
        Path out = tmp.resolve("demo");
        List<String> phases = new ArrayList<>();
        try (PrivateAdbServer server = new PrivateAdbServer(tmp.resolve("home"));
             Studio studio = server.studio(tmp.resolve("ws"))) {
            new DemoJob(studio, "virtual", 1).run(out, (phase, fraction, detail) -> {
                if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase)) phases.add(phase);
            });
            assertThat(server.adb("devices")).contains("127.0.0.1:").contains("\tdevice");
        }
        assertThat(phases).containsSubsequence("Converting", "Pushing", "Generating", "Evaluating", "Comparing", "Done");
        assertThat(out.resolve("eval/snapfusion/000/image.png")).exists();
        assertThat(out.resolve("eval/sd15/000/image.png")).exists();

        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode runs = report.get("runs");
        assertThat(runs).hasSize(2);
        JsonNode sf = runs.get(0).get("variant").asText().equals("snapfusion") ? runs.get(0) : runs.get(1);
        JsonNode sd = sf == runs.get(0) ? runs.get(1) : runs.get(0);
        assertThat(sd.get("variant").asText()).isEqualTo("sd15");
        assertThat(sf.get("steps").asInt()).isEqualTo(8);
        assertThat(sd.get("steps").asInt()).isGreaterThan(8);
        assertThat(sf.get("seed").asLong()).isEqualTo(sd.get("seed").asLong());

        assertThat(caStages(sf)).doesNotContain("down.0", "up.3");
        assertThat(caStages(sd)).contains("down.0", "up.3");
        assertThat(median(sf)).isLessThan(median(sd));

        for (JsonNode run : runs) {
            JsonNode t = run.get("timings_ms");
            assertThat(t.get("text_encoder").asDouble()).isPositive();
            assertThat(t.get("decoder").asDouble()).isPositive();
            assertThat(t.get("total").asDouble()).isPositive();
            assertThat(t.get("unet_per_step")).hasSize(run.get("steps").asInt());
            t.get("unet_per_step").forEach(v -> assertThat(v.asDouble()).isPositive());
            run.get("blocks").forEach(b -> assertThat(b.get("ms").asDouble()).as(b.get("id").asText()).isPositive());
            assertThat(run.get("device").asText()).contains("virtual device");

            BufferedImage img = ImageIO.read(out.resolve(run.get("image").asText()).toFile());
            assertThat(img.getWidth()).isEqualTo(run.get("width").asInt());
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < img.getHeight(); y += 3) for (int x = 0; x < img.getWidth(); x += 3) colours.add(img.getRGB(x, y));
            assertThat(colours.size()).as("non-constant image").isGreaterThan(1);
            // the demo prompt and one evaluation prompt, both in the toy grammar, judged for this variant
            assertThat(run.get("adherence").get("images").asInt()).isEqualTo(2);
            assertThat(run.get("adherence").get("judged").asInt()).isEqualTo(2);
        }
        String html = java.nio.file.Files.readString(out.resolve("report.html"));
        assertThat(html).contains("snapfusion.png", "sd15.png", "up.3", "down.0");
    }

    private static Set<String> caStages(JsonNode run) {
        Set<String> s = new HashSet<>();
        run.get("blocks").forEach(b -> {
            if (b.get("kind").asText().equals("cross_attention")) s.add(b.get("stage").asText());
        });
        return s;
    }

    private static double median(JsonNode run) {
        return run.get("timings_ms").get("unet_median_step").asDouble();
    }
}
