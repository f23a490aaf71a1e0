package dev.snapfusion.runner.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BlockKind;
import dev.snapfusion.runner.protocol.OpProfile;
import dev.snapfusion.runner.tflite.OpTime;
import dev.snapfusion.runner.tflite.OpaquePartition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Block attribution by tensor name, and one component's summary (docs/op-profile.md). */
class OpProfileSummaryTest {
    private static Block block(String id, String output) {
        return new Block(id, id.substring(0, id.indexOf('.')), BlockKind.RESNET, 1, 1, "f", List.of("h"), List.of(output));
    }

    private static final List<Block> BLOCKS = List.of(block("stem.conv_in", "h"), block("down.0.resnet.1", "h"),
            block("down.0.resnet.10", "h"), block("stem.conv_out", "out"));

    @Test
    void blockOf_longestIdBeforeSlash_wins_andNeedsABoundary() {
        BlockAttribution a = new BlockAttribution(BLOCKS);
        assertThat(a.blockOf("down.0.resnet.10/t3")).isEqualTo("down.0.resnet.10");
        assertThat(a.blockOf("down.0.resnet.1/t3")).isEqualTo("down.0.resnet.1");
        assertThat(a.blockOf("down.0.resnet.1")).isEqualTo("down.0.resnet.1");
        assertThat(a.blockOf("down.0.resnet.1x/t3")).isEqualTo(OpProfile.UNATTRIBUTED);
        assertThat(a.blockOf("unet/t17")).isEqualTo(OpProfile.UNATTRIBUTED);
        assertThat(a.blockOf("")).isEqualTo(OpProfile.UNATTRIBUTED);
    }

    @Test
    void blockOf_outputNameOfExactlyOneBlock_goesToIt_sharedOnesDoNot() {
        BlockAttribution a = new BlockAttribution(BLOCKS);
        assertThat(a.blockOf("out")).isEqualTo("stem.conv_out");
        assertThat(a.blockOf("h")).isEqualTo(OpProfile.UNATTRIBUTED);
    }

    @Test
    void summarize_blocksInManifestOrder_sharesSumToOne_opaquePartitionSpanningBlocksIsUnattributed() {
        List<OpTime> times = List.of(
                new OpTime("CONV_2D", "Convolution (NHWC, F32) IGEMM", "stem.conv_in/t1", 1.0, 1, 0),
                new OpTime("RESIZE_NEAREST_NEIGHBOR", OpTime.BUILTIN_KERNEL, "down.0.resnet.1/t2", 0.5, 1, OpTime.NO_PARTITION),
                new OpTime(OpTime.DELEGATE, "DELEGATE TfLiteXNNPackDelegate, 2 nodes", "down.0.resnet.10/t3", 2.0, 1, 1),
                new OpTime("CONV_2D", "Convolution (NHWC, F32) IGEMM", "out", 0.5, 1, 2));
        List<OpaquePartition> opaque = List.of(new OpaquePartition(1, List.of("down.0.resnet.10/t3", "stem.conv_out/t4"),
                "no single reading"));
        OpProfile.Component c = ComponentSummary.summarize("unet", 5.0, 0.5, times, opaque, new BlockAttribution(BLOCKS),
                BLOCKS.stream().map(Block::id).toList());
        assertThat(c.ops()).extracting(OpProfile.Op::block).containsExactly("stem.conv_in", "down.0.resnet.1",
                OpProfile.UNATTRIBUTED, "stem.conv_out");
        assertThat(c.blocks()).extracting(OpProfile.Block::block).containsExactly("stem.conv_in", "down.0.resnet.1",
                "down.0.resnet.10", "stem.conv_out", OpProfile.UNATTRIBUTED);
        assertThat(c.blocks().get(2).ms()).as("a block no op named stays, at 0").isZero();
        assertThat(c.ops().stream().mapToDouble(OpProfile.Op::share).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(c.blocks().stream().mapToDouble(OpProfile.Block::ms).sum()).isEqualTo(c.opsMs());
        assertThat(c.notes()).singleElement().asString().contains("partition 1").contains("spanning 2 blocks")
                .contains("no single reading");
    }

    @Test
    void summarize_withoutBlockTable_givesEveryOpToTheComponent() {
        OpProfile.Component c = ComponentSummary.summarize("text_encoder", 1.0, 0.0,
                List.of(new OpTime("GATHER", OpTime.BUILTIN_KERNEL, "text_encoder/t0", 0.25, 1, -1)), List.of(), null, List.of());
        assertThat(c.ops()).extracting(OpProfile.Op::block).containsExactly("text_encoder");
        assertThat(c.blocks()).extracting(OpProfile.Block::block).containsExactly("text_encoder");
    }
}
