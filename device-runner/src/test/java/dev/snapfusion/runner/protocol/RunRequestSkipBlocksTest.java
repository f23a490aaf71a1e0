package dev.snapfusion.runner.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional request field {@code skip_blocks} (docs/runner-protocol.md): written only when set, tolerant of absence. */
class RunRequestSkipBlocksTest {
    private static final RunRequest BASE = new RunRequest("/data/local/tmp/snapfusion/bundles/abc", "/data/local/tmp/out", "p", "",
            1, 2, 7.5, RunMode.BLOCKWISE, 1, true, null);

    @Test
    void codec_skipBlocksSet_roundTripsInOrder() {
        RunRequest r = BASE.withSkipBlocks(List.of("up.1.cross_attention.4", "mid.resnet.1"));
        String json = RunRequestCodec.toJson(r);
        assertThat(json).contains("\"skip_blocks\" : [ \"up.1.cross_attention.4\", \"mid.resnet.1\" ]");
        RunRequest back = RunRequestCodec.parse(json);
        assertThat(back).isEqualTo(r);
        assertThat(back.skipBlocks()).containsExactly("up.1.cross_attention.4", "mid.resnet.1");
    }

    @Test
    void codec_noSkipBlocks_fieldAbsentAndParsesAsEmpty() {
        String json = RunRequestCodec.toJson(BASE);
        assertThat(json).doesNotContain("skip_blocks");
        assertThat(RunRequestCodec.parse(json).skipBlocks()).isEmpty();
        assertThat(RunRequestCodec.parse(json.replace("\"xnnpack\"", "\"skip_blocks\" : null, \"xnnpack\"")).skipBlocks()).isEmpty();
    }

    @Test
    void parse_skipBlocksNotAnArrayOfStrings_refused() {
        String json = RunRequestCodec.toJson(BASE);
        assertThatThrownBy(() -> RunRequestCodec.parse(json.replace("\"xnnpack\"", "\"skip_blocks\" : \"mid.resnet.1\", \"xnnpack\"")))
                .isInstanceOf(RunnerProtocolException.class).hasMessageContaining("skip_blocks");
        assertThatThrownBy(() -> RunRequestCodec.parse(json.replace("\"xnnpack\"", "\"skip_blocks\" : [ 3 ], \"xnnpack\"")))
                .isInstanceOf(RunnerProtocolException.class).hasMessageContaining("block ids");
    }
}
