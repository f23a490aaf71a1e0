package dev.snapfusion.runner.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunnerEventCodecTest {
    static final List<RunnerEvent> ALL = List.of(
            new RunnerEvent.Hello(1, "0.1.0", "2.16.1", "Google Pixel 8", "arm64-v8a"),
            new RunnerEvent.Loaded("unet", 812.5, 1_719_000_000L),
            new RunnerEvent.Phase("text_encoder", 4.25),
            new RunnerEvent.Step(3, 8, 626, 231.0),
            new RunnerEvent.BlockTiming("up.1.cross_attention.4", "up.1", "cross_attention", 12.75, 16),
            new RunnerEvent.Memory(1_048_576),
            new RunnerEvent.Done("image.png", "timings.json", 2100.5),
            new RunnerEvent.Error("bad_input", "prompt with \"quotes\", newline\nand unicode é"));

    @Test
    void writeThenParse_everyEventType_roundTrips() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunnerEventWriter w = new RunnerEventWriter(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        ALL.forEach(w::write);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(ALL.size());                 // one line per event, even with \n in a message
        for (int i = 0; i < ALL.size(); i++) assertThat(RunnerEventReader.parse(lines.get(i))).isEqualTo(ALL.get(i));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("}\n");
    }

    @Test
    void toLine_stepEvent_exactWireFormat() {
        assertThat(RunnerEventWriter.toLine(new RunnerEvent.Step(1, 8, 876, 230.5)))
                .isEqualTo("{\"event\":\"step\",\"index\":1,\"total\":8,\"timestep\":876,\"ms\":230.5}");
        assertThat(RunnerEventWriter.toLine(new RunnerEvent.Memory(42))).isEqualTo("{\"event\":\"memory\",\"peak_kb\":42}");
    }

    @Test
    void parse_unknownEvent_isANamedProtocolError() {
        assertThatThrownBy(() -> RunnerEventReader.parse("{\"event\":\"progress\",\"pct\":3}"))
                .isInstanceOf(RunnerProtocolException.class).hasMessageContaining("unknown runner event 'progress'");
    }

    @Test
    void parse_malformedLines_areProtocolErrors() {
        assertThatThrownBy(() -> RunnerEventReader.parse("INFO: Created TensorFlow Lite XNNPACK delegate"))
                .isInstanceOf(RunnerProtocolException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> RunnerEventReader.parse("{\"event\":\"step\",\"index\":1}"))
                .hasMessageContaining("lacks 'total'");
        assertThatThrownBy(() -> RunnerEventReader.parse("{\"event\":\"step\",\"index\":\"1\",\"total\":2,\"timestep\":3,\"ms\":1}"))
                .hasMessageContaining("'index' must be an integer");
        assertThatThrownBy(() -> RunnerEventReader.parse("[]")).hasMessageContaining("not a JSON object");
    }

    @Test
    void requestCodec_promptWithShellMetacharacters_roundTripsVerbatim() {
        RunRequest r = new RunRequest("/data/local/tmp/snapfusion/bundles/abc", "/data/local/tmp/snapfusion/runs/1",
                "a cat; rm -rf / $(reboot) `id` 'q' \"dq\"\nnext line", "blurry", 7, 8, 7.5, RunMode.BLOCKWISE, 4, false, null);
        assertThat(RunRequestCodec.parse(RunRequestCodec.toJson(r))).isEqualTo(r);
        assertThatThrownBy(() -> RunRequestCodec.parse(RunRequestCodec.toJson(r).replace("\"request_version\" : 1", "\"request_version\" : 9")))
                .hasMessageContaining("request_version 9");
        assertThatThrownBy(() -> RunRequestCodec.parse(RunRequestCodec.toJson(r).replace("\"steps\" : 8", "\"steps\" : 0")))
                .isInstanceOf(RunnerProtocolException.class).hasMessageContaining("steps");
    }

    @Test
    void requestCodec_profileOps_roundTripsAsWireWord() {
        RunRequest r = new RunRequest("/b", "/o", "p", "", 1, 2, 1.0, RunMode.WHOLE, 1, true, null).withProfile(Profile.OPS);
        String json = RunRequestCodec.toJson(r);
        assertThat(json).contains("\"profile\" : \"ops\"");
        assertThat(RunRequestCodec.parse(json)).isEqualTo(r);
        assertThat(RunRequestCodec.parse(json).profile()).isEqualTo(Profile.OPS);
    }

    @Test
    void requestCodec_noProfileField_readsAsNone_andNoneIsNotWritten() {
        RunRequest r = new RunRequest("/b", "/o", "p", "", 1, 2, 1.0, RunMode.WHOLE, 1, true, null);
        String json = RunRequestCodec.toJson(r);
        assertThat(json).doesNotContain("profile");
        assertThat(RunRequestCodec.parse(json).profile()).isEqualTo(Profile.NONE);
        assertThat(RunRequestCodec.parse(json.replace("\"xnnpack\"", "\"profile\" : null, \"xnnpack\"")).profile())
                .isEqualTo(Profile.NONE);
    }

    @Test
    void requestCodec_unknownProfile_isANamedProtocolError() {
        String json = RunRequestCodec.toJson(new RunRequest("/b", "/o", "p", "", 1, 2, 1.0, RunMode.WHOLE, 1, true, null))
                .replace("\"xnnpack\"", "\"profile\" : \"memory\", \"xnnpack\"");
        assertThatThrownBy(() -> RunRequestCodec.parse(json)).isInstanceOf(RunnerProtocolException.class)
                .hasMessageContaining("unknown profile 'memory'");
    }

    @Test
    void timingsCodec_roundTripsIncludingRatio() {
        RunTimings t = RunTimings.builder().variant("sd15").bundleId("id").quantization("fp32").mode("blockwise")
                .device("host").runtime("TFLite 2.21.0 (C++ API, JavaCPP)").steps(3).seed(42).cfg(7.5)
                .image("image.png", 256, 256).loadMs(java.util.Map.of("unet", 12.0)).textEncoderMs(4.0)
                .unetPerStepMs(List.of(10.0, 30.0, 20.0)).decoderMs(50.0).totalMs(200.0)
                .blocks(List.of(new BlockTime("down.0.resnet.0", "down.0", "resnet", 1.5))).peakMemoryKb(1024)
                .blockwiseSumOverWhole(1.04).blockOverheadMs(0.7)
                .peakMemoryKbByComponent(java.util.Map.of("unet", 900L)).build();
        RunTimings back = RunTimingsCodec.parse(RunTimingsCodec.toJson(t));
        assertThat(back).isEqualTo(t);
        assertThat(back.medianUnetStepMs()).isEqualTo(20.0);
    }
}
