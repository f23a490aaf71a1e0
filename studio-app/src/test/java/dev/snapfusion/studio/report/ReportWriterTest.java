package dev.snapfusion.studio.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapfusion.runner.protocol.RunTimings;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class ReportWriterTest {
    @TempDir
    Path tmp;

    private ComparisonReport fixtureReport() throws Exception {
        return ComparisonReport.fromRunDirs(RunFixtures.snapFusionRun(tmp.resolve("sf")),
                new RunExtras(812_000_000L, "Pixel 8 Pro"), RunFixtures.sd15Run(tmp.resolve("sd")),
                new RunExtras(1_720_000_000L, "Pixel 8 Pro"));
    }

    @Test
    void write_fixtureReport_jsonHasEveryFieldWithTheRunsValues() throws Exception {
        ComparisonReport r = fixtureReport();
        Path out = tmp.resolve("report");

        ReportWriter.write(r, out);

        JsonNode root = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(root.get("report_version").asInt()).isEqualTo(1);
        assertThat(root.get("prompt").asText()).isEqualTo(RunFixtures.PROMPT);
        assertThat(root.get("runs")).hasSize(2);
        JsonNode sf = root.get("runs").get(0);
        RunTimings t = r.runs().get(0).timings();
        assertThat(fieldNames(sf)).containsExactly("variant", "device", "runtime", "steps", "seed", "cfg", "image", "width",
                "height", "quantization", "bundle_bytes", "peak_memory_kb", "peak_memory_kb_by_phase", "timings_ms", "blocks",
                "adherence");
        assertThat(sf.get("adherence").get("judged").asInt()).as("the fixture's prompt is outside the toy grammar").isZero();
        assertThat(sf.get("variant").asText()).isEqualTo("snapfusion");
        assertThat(sf.get("image").asText()).isEqualTo("snapfusion.png");
        assertThat(sf.get("steps").asInt()).isEqualTo(8);
        assertThat(sf.get("bundle_bytes").asLong()).isEqualTo(812_000_000L);
        assertThat(sf.get("peak_memory_kb").asLong()).isEqualTo(t.peakMemoryKb());
        JsonNode tm = sf.get("timings_ms");
        assertThat(fieldNames(tm)).containsExactly("text_encoder", "unet_per_step", "unet_median_step", "decoder", "total",
                "blockwise_sum_over_whole", "blockwise_overhead");
        assertThat(tm.get("unet_per_step")).hasSize(8);
        assertThat(tm.get("unet_median_step").asDouble()).isEqualTo(t.medianUnetStepMs());
        assertThat(tm.get("total").asDouble()).isEqualTo(t.totalMs());
        assertThat(sf.get("blocks")).hasSize(t.blocks().size());
        assertThat(fieldNames(sf.get("blocks").get(0))).containsExactly("id", "stage", "kind", "ms");
        JsonNode summary = root.get("summary");
        double sdMedian = r.runs().get(1).unetMedianStepMs();
        assertThat(summary.get("unet_step_speedup").asDouble()).isCloseTo(sdMedian / t.medianUnetStepMs(), within(1e-12));
        assertThat(summary.get("total_speedup").asDouble()).isCloseTo(r.totalSpeedup(), within(1e-12));
        assertThat(out.resolve("snapfusion.png")).exists().hasSameBinaryContentAs(r.runs().get(0).image());
        assertThat(out.resolve("sd15.png")).exists().hasSameBinaryContentAs(r.runs().get(1).image());
        JsonNode diff = root.get("image_difference");
        assertThat(diff.get("psnr_db").asDouble()).isBetween(1.0, 60.0);
        assertThat(diff.get("ssim").asDouble()).isBetween(-1.0, 1.0);
        assertThat(out.resolve(diff.get("heat_map").asText())).exists();
        assertThat(Files.readString(out.resolve("report.html"))).contains("difference.png", "PSNR", "SSIM");
    }

    /** A run of a toy prompt whose image is the toy world's own drawing of {@code drawn}. */
    private Path toyRun(Path dir, String variant, String prompt, String drawn) throws Exception {
        Path run = variant.equals("sd15") ? RunFixtures.sd15Run(dir) : RunFixtures.snapFusionRun(dir);
        String req = Files.readString(run.resolve("request.json")).replace(RunFixtures.PROMPT, prompt);
        Files.writeString(run.resolve("request.json"), req);
        var caption = dev.snapfusion.bridge.toy.ToyCaption.parse(drawn).orElseThrow();
        var scene = new dev.snapfusion.bridge.toy.ToyScene(caption, 0.5, 0.5, 0.5, 0);
        Files.write(run.resolve("image.png"), scene.render(64).png());
        return run;
    }

    @Test
    void write_toyPrompts_reportTheJudgesAdherencePerVariant_evalRunsIncluded() throws Exception {
        String prompt = "a red circle on a blue background";
        Path sf = toyRun(tmp.resolve("sf"), "snapfusion", prompt, prompt);
        Path sfEval = toyRun(tmp.resolve("sf-eval"), "snapfusion", "a green square on a red background",
                "a green triangle on a red background");    // right colours, wrong shape
        Path sd = toyRun(tmp.resolve("sd"), "sd15", prompt, "a red circle on a white background");   // wrong background
        ComparisonReport r = ComparisonReport.fromRunDirs(sf, new RunExtras(-1, null, List.of(sfEval)), sd, RunExtras.NONE);

        var a = r.runs().get(0).adherence();
        assertThat(a.judged()).isEqualTo(2);
        assertThat(a.colorAdherencePct()).isEqualTo(100.0);
        assertThat(a.shapeAdherencePct()).isEqualTo(50.0);
        assertThat(r.runs().get(1).adherence().colorAdherencePct()).isEqualTo(0.0);
        assertThat(r.adherenceSummary()).isEqualTo("Prompt adherence (toy judge): SnapFusion colour 100% · shape 50% of 2 images; "
                + "SD-v1.5 colour 0% · shape 100% of 1 image.");

        Path out = tmp.resolve("report");
        ReportWriter.write(r, out);
        JsonNode adherence = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("runs").get(0).get("adherence");
        assertThat(adherence.get("images").asInt()).isEqualTo(2);
        assertThat(adherence.get("shape_adherence_pct").asDouble()).isEqualTo(50.0);
        assertThat(Files.readString(out.resolve("report.html"))).contains("SnapFusion colour 100% · shape 50% of 2 images");
        ComparisonReport back = ReportReader.read(out);
        assertThat(back.adherenceSummary()).isEqualTo(r.adherenceSummary());
    }

    @Test
    void read_writtenReport_roundTripsEveryField() throws Exception {
        ComparisonReport r = fixtureReport();
        Path out = tmp.resolve("report");
        ReportWriter.write(r, out);

        ComparisonReport back = ReportReader.read(out);

        assertThat(back.prompt()).isEqualTo(r.prompt());
        for (int i = 0; i < 2; i++) {
            RunSummary a = r.runs().get(i);
            RunSummary b = back.runs().get(i);
            assertThat(b.variant()).isEqualTo(a.variant());
            assertThat(b.device()).isEqualTo(a.device());
            assertThat(b.bundleBytes()).isEqualTo(a.bundleBytes());
            assertThat(b.timings().steps()).isEqualTo(a.timings().steps());
            assertThat(b.timings().seed()).isEqualTo(a.timings().seed());
            assertThat(b.timings().cfg()).isEqualTo(a.timings().cfg());
            assertThat(b.timings().quantization()).isEqualTo(a.timings().quantization());
            assertThat(b.timings().unetPerStepMs()).isEqualTo(a.timings().unetPerStepMs());
            assertThat(b.timings().blocks()).isEqualTo(a.timings().blocks());
            assertThat(b.timings().peakMemoryKb()).isEqualTo(a.timings().peakMemoryKb());
            assertThat(b.image()).isEqualTo(out.resolve(ReportFiles.imageNames(r).get(i)).toAbsolutePath());
        }
        assertThat(back.unetStepSpeedup()).isEqualTo(r.unetStepSpeedup());
        // Writing again in place (images already beside report.json) must not break the files.
        ReportWriter.write(back, out);
        assertThat(ReportReader.read(out).runs().get(0).image()).exists();
    }

    @Test
    void write_sameVariantTwice_disambiguatesImageNames() throws Exception {
        Path a = RunFixtures.snapFusionRun(tmp.resolve("a"));
        Path b = RunFixtures.write(tmp.resolve("b"), RunFixtures.timings("snapfusion", 4,
                RunFixtures.blocks(new int[][] {{0, 2}, {2, 2}, {2, 1}, {0, 1}, {1, 4}, {0, 2}, {6, 2}, {3, 3}, {0, 3}}, 0.5),
                100, 4), Color.BLACK, Color.WHITE);
        Path out = tmp.resolve("report");

        ReportWriter.write(ComparisonReport.fromRunDirs(a, b), out);

        JsonNode runs = new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("runs");
        assertThat(runs.get(0).get("image").asText()).isEqualTo("snapfusion.png");
        assertThat(runs.get(1).get("image").asText()).isEqualTo("snapfusion-2.png");
        assertThat(out.resolve("snapfusion-2.png")).hasSameBinaryContentAs(b.resolve("image.png"));
    }

    @Test
    void write_html_referencesBothImagesAndLabelsEveryStage() throws Exception {
        Path out = tmp.resolve("report");

        ReportWriter.write(fixtureReport(), out);

        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("src=\"snapfusion.png\"", "src=\"sd15.png\"");
        for (String stage : StageBreakdown.STAGE_ORDER) assertThat(html).contains(">" + stage + "</text>");
        assertThat(html).contains("Text encoder", "UNet median step", "Decoder", "Peak memory", "Bundle size",
                "SD-v1.5 ÷ SnapFusion", "ms per UNet step");
        assertThat(html).doesNotContain("<link", "<script");
    }

    @Test
    void write_promptWithScript_isEscapedInHtml() throws Exception {
        ComparisonReport r = fixtureReport();
        ComparisonReport evil = new ComparisonReport("<script>alert('x')</script> & \"cats\"", r.runs());
        Path out = tmp.resolve("report");

        ReportWriter.write(evil, out);

        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
                + "&quot;cats&quot;");
        assertThat(new ObjectMapper().readTree(out.resolve("report.json").toFile()).get("prompt").asText())
                .isEqualTo(evil.prompt());
    }

    @Test
    void write_crossAttentionInOneVariantOnly_drawsItForThatVariantAlone() throws Exception {
        Path out = tmp.resolve("report");

        ReportWriter.write(fixtureReport(), out);

        List<String> titles = svgBarTitles(Files.readString(out.resolve("report.html")));
        // down.0: SD-v1.5 keeps 2 cross-attention blocks, SnapFusion has none (Table 3); both have ResNets.
        assertThat(titles).anyMatch(t -> t.startsWith("down.0 · SD-v1.5 · Cross-attention: 297"));
        assertThat(titles).noneMatch(t -> t.startsWith("down.0 · SnapFusion · Cross-attention"));
        assertThat(titles).anyMatch(t -> t.startsWith("down.0 · SnapFusion · ResNet"));
        assertThat(titles).anyMatch(t -> t.startsWith("up.3 · SD-v1.5 · Cross-attention"));
        assertThat(titles).noneMatch(t -> t.startsWith("up.3 · SnapFusion · Cross-attention"));
        assertThat(titles).anyMatch(t -> t.startsWith("up.1 · SnapFusion · Cross-attention"));
    }

    @Test
    void read_reportWithMissingImage_namesTheImage() throws Exception {
        Path out = tmp.resolve("report");
        ReportWriter.write(fixtureReport(), out);
        Files.delete(out.resolve("sd15.png"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportReader.read(out))
                .isInstanceOf(ComparisonException.class)
                .hasMessageContaining("sd15.png")
                .hasMessageContaining(out.toString());
    }

    /** Parses the inline SVG as XML (so it must be well formed) and returns the tooltip of every bar segment. */
    private static List<String> svgBarTitles(String html) throws Exception {
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>") + 6);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        NodeList rects = doc.getElementsByTagName("rect");
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++) {
            NodeList t = ((org.w3c.dom.Element) rects.item(i)).getElementsByTagName("title");
            if (t.getLength() == 1) titles.add(t.item(0).getTextContent());
        }
        return titles;
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
