package dev.snapfusion.studio.cli;

import static dev.snapfusion.studio.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snapfusion.bridge.toy.CaptionsFile;
import dev.snapfusion.bridge.toy.ToyCaption;
import dev.snapfusion.bridge.toy.ToyScene;
import dev.snapfusion.bridge.toy.ToyShape;
import dev.snapfusion.bridge.toy.ToySplit;
import dev.snapfusion.bridge.toy.ToyWorld;
import dev.snapfusion.runner.protocol.RunMode;
import dev.snapfusion.runner.protocol.RunRequest;
import dev.snapfusion.runner.protocol.RunRequestCodec;
import dev.snapfusion.runner.protocol.RunTimingsCodec;
import dev.snapfusion.studio.report.RunFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code studio toy sample} and {@code studio judge}: ground truth, run folders by variant, and user errors. */
class JudgeCommandTest {
    @TempDir
    Path dir;

    @Test
    void toySample_evalSplit_writesPngsAndCaptionsWithSeeds() throws Exception {
        Path out = dir.resolve("eval");
        CliRun r = run("toy", "sample", "--count", "5", "--split", "eval", "--size", "48", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<CaptionsFile.Entry> entries = CaptionsFile.read(out.resolve(CaptionsFile.NAME));
        assertThat(entries).hasSize(5);
        for (int k = 0; k < 5; k++) {
            assertThat(entries.get(k).caption()).isEqualTo(ToyWorld.EVAL_CAPTIONS.get(k).text());
            assertThat(entries.get(k).seed()).isEqualTo(2L * k + 1);
            assertThat(out.resolve(entries.get(k).file())).isRegularFile();
        }
    }

    @Test
    void judge_toySamplesJson_everyImageRightAndFullAdherence() throws Exception {
        Path out = dir.resolve("gt");
        assertThat(run("toy", "sample", "--count", "30", "--size", "256", "--out", out.toString()).code()).isZero();
        CliRun r = run("judge", out.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("images")).hasSize(30);
        for (JsonNode img : j.get("images")) {
            assertThat(img.get("judged").asBoolean()).isTrue();
            assertThat(img.get("background_ok").asBoolean() && img.get("color_ok").asBoolean() && img.get("shape_ok").asBoolean())
                    .as(img.toString()).isTrue();
            assertThat(img.get("prompt").asText()).contains(img.at("/detected/shape").asText());
        }
        JsonNode gt = j.at("/variants/" + CaptionsFile.GROUND_TRUTH);
        assertThat(gt.get("images").asInt()).isEqualTo(30);
        assertThat(gt.get("not_judged").asInt()).isZero();
        assertThat(gt.get("color_adherence_pct").asDouble()).isEqualTo(100.0);
        assertThat(gt.get("shape_adherence_pct").asDouble()).isEqualTo(100.0);
    }

    @Test
    void judge_runFoldersOfTwoVariants_adherencePerVariantAndOutOfGrammarNotJudged() throws Exception {
        Path runs = dir.resolve("runs");
        ToyScene square = firstTraining(ToyShape.SQUARE);
        ToyCaption asked = square.caption();
        ToyCaption wrongShape = new ToyCaption(asked.color(), ToyShape.CIRCLE, asked.background());
        writeRun(runs.resolve("a-sd15"), "sd15", asked.text(), square);
        writeRun(runs.resolve("b-snapfusion"), "snapfusion", wrongShape.text(), square);
        writeRun(runs.resolve("c-snapfusion"), "snapfusion", asked.text(), square);
        RunFixtures.snapFusionRun(runs.resolve("d-astronaut"));

        CliRun r = run("judge", runs.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("images")).hasSize(4);
        JsonNode wrong = j.get("images").get(1);
        assertThat(wrong.get("prompt").asText()).isEqualTo(wrongShape.text());
        assertThat(wrong.get("shape_ok").asBoolean()).isFalse();
        assertThat(wrong.get("color_ok").asBoolean()).isTrue();
        assertThat(wrong.at("/detected/shape").asText()).isEqualTo("square");
        JsonNode astronaut = j.get("images").get(3);
        assertThat(astronaut.get("judged").asBoolean()).isFalse();
        assertThat(astronaut.get("reason").asText()).contains("outside the toy grammar");
        assertThat(astronaut.has("shape_ok")).isFalse();

        JsonNode sd = j.at("/variants/sd15"), sf = j.at("/variants/snapfusion");
        assertThat(sd.get("color_adherence_pct").asDouble()).isEqualTo(100.0);
        assertThat(sd.get("shape_adherence_pct").asDouble()).isEqualTo(100.0);
        assertThat(sf.get("images").asInt()).isEqualTo(3);
        assertThat(sf.get("judged").asInt()).isEqualTo(2);
        assertThat(sf.get("not_judged").asInt()).isEqualTo(1);
        assertThat(sf.get("color_adherence_pct").asDouble()).isEqualTo(100.0);
        assertThat(sf.get("shape_adherence_pct").asDouble()).isEqualTo(50.0);
    }

    @Test
    void judge_text_oneLinePerImageWhatItSawWhenWrongAndASummaryPerVariant() throws Exception {
        Path runs = dir.resolve("text");
        ToyScene s = firstTraining(ToyShape.TRIANGLE);
        ToyCaption asked = s.caption();
        ToyCaption wrongShape = new ToyCaption(asked.color(), ToyShape.SQUARE, asked.background());
        writeRun(runs.resolve("1"), "sd15", asked.text(), s);
        writeRun(runs.resolve("2"), "sd15", wrongShape.text(), s);
        CliRun r = run("judge", runs.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("background ok  colour ok  shape ok   asked: " + asked.text() + "  ",
                "background ok  colour ok  shape NO   asked: " + wrongShape.text() + ", saw: " + asked.text(),
                "sd15: 2 of 2 images judged; colour adherence 100.0 %", "shape adherence 50.0 %");
    }

    @Test
    void judge_missingFolder_exit2NamingThePathWithoutStackTrace() {
        Path nowhere = dir.resolve("nowhere");
        CliRun r = run("judge", nowhere.toString());
        assertThat(r.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(r.err()).contains(nowhere + " does not exist").doesNotContain("\tat ");
    }

    @Test
    void judge_folderWithoutRuns_exit2SaysItHoldsNoRuns() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty").resolve("child"));
        CliRun r = run("judge", empty.getParent().toString());
        assertThat(r.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(r.err()).contains(empty.getParent() + " holds no runs").doesNotContain("\tat ");
    }

    @Test
    void judge_imageIsNotAPng_exit2NamingTheImage() throws Exception {
        Path runDir = dir.resolve("bad");
        ToyScene s = ToyWorld.sample(ToySplit.TRAIN, 0);
        writeRun(runDir, "sd15", s.caption().text(), s);
        Files.writeString(runDir.resolve("image.png"), "GIF89a not a png");
        CliRun r = run("judge", runDir.toString(), "--json");
        assertThat(r.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(r.err()).contains(runDir.resolve("image.png") + " is not a PNG").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void judge_runWithoutItsImage_exit2NamingTheRunFolder() throws Exception {
        Path runDir = dir.resolve("noimage");
        ToyScene s = ToyWorld.sample(ToySplit.TRAIN, 0);
        writeRun(runDir, "sd15", s.caption().text(), s);
        Files.delete(runDir.resolve("image.png"));
        CliRun r = run("judge", runDir.toString());
        assertThat(r.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(r.err()).contains(runDir + " lacks the image 'image.png'");
    }

    @Test
    void judge_captionsNameAMissingPng_exit2NamingIt() throws Exception {
        Path gt = dir.resolve("gt2");
        assertThat(run("toy", "sample", "--count", "2", "--out", gt.toString()).code()).isZero();
        Files.delete(gt.resolve("train-000001.png"));
        CliRun r = run("judge", gt.toString());
        assertThat(r.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(r.err()).contains("lacks the image 'train-000001.png' named in captions.jsonl");
    }

    @Test
    void toySample_unknownSplitOrTinySize_exit2() {
        CliRun split = run("toy", "sample", "--count", "1", "--split", "test", "--out", dir.resolve("x").toString());
        assertThat(split.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(split.err()).contains("--split", "expected train or eval");
        CliRun size = run("toy", "sample", "--count", "1", "--size", "8", "--out", dir.resolve("y").toString());
        assertThat(size.code()).isEqualTo(StudioCli.EXIT_USER_ERROR);
        assertThat(size.err()).contains("--size must be ≥ 32");
    }

    private static ToyScene firstTraining(ToyShape shape) {
        for (long i = 0; ; i++) {
            ToyScene s = ToyWorld.sample(ToySplit.TRAIN, i);
            if (s.caption().shape() == shape) return s;
        }
    }

    /** A run folder as a pulled run leaves it, whose image is the scene's ground truth at 256×256. */
    private static void writeRun(Path runDir, String variant, String prompt, ToyScene image) throws Exception {
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve("timings.json"), RunTimingsCodec.toJson(RunFixtures.timings(variant, 4, List.of(), 100, 5)));
        Files.writeString(runDir.resolve("request.json"), RunRequestCodec.toJson(new RunRequest("/data/local/tmp/b", "/data/local/tmp/o",
                prompt, "", 1, 4, 7.5, RunMode.WHOLE, 2, true, null)));
        Files.write(runDir.resolve("image.png"), image.render(256).png());
    }
}
