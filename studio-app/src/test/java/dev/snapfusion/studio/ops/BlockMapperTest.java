package dev.snapfusion.studio.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.snapfusion.runner.bundle.Block;
import dev.snapfusion.runner.bundle.BlockKind;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Ops to blocks by tensor-name prefix, and the per-block totals. */
class BlockMapperTest {
    private static final List<Block> BLOCKS = List.of(
            block("stem.time_embedding", BlockKind.STEM), block("stem.conv_in", BlockKind.STEM),
            block("down.0.resnet.1", BlockKind.RESNET), block("down.0.resnet.10", BlockKind.RESNET),
            block("down.1.cross_attention.0", BlockKind.CROSS_ATTENTION), block("down.1.downsample", BlockKind.DOWNSAMPLE),
            block("mid.resnet.1", BlockKind.RESNET), block("mid.cross_attention.0", BlockKind.CROSS_ATTENTION),
            block("up.1.upsample", BlockKind.UPSAMPLE), block("up.2.cross_attention.1", BlockKind.CROSS_ATTENTION),
            block("stem.conv_out", BlockKind.STEM));
    private static final BlockMapper MAPPER = BlockMapper.of(BLOCKS);

    private static Block block(String id, BlockKind kind) {
        return new Block(id, id.substring(0, id.lastIndexOf('.')), kind, 0, 0, "unet_blocks/" + id + ".tflite", List.of("h"),
                List.of("h"));
    }

    private static OpRow op(String type, String name, double avg, long times) {
        return new OpRow(type, name, OptionalDouble.empty(), avg, avg, 0, 0, 0, times);
    }

    private static Optional<String> blockOf(String name) {
        return MAPPER.blockOf(op("CONV_2D", name, 1, 1)).map(Block::id);
    }

    @Test
    void blockOf_tensorNamedByBlockId_isThatBlock() {
        assertThat(blockOf("[down.1.cross_attention.0/t1184]:412")).hasValue("down.1.cross_attention.0");
        assertThat(blockOf("[stem.conv_in/t0]:0")).hasValue("stem.conv_in");
    }

    @Test
    void blockOf_idsSharingAPrefix_longestIdEndingAtANameBoundaryWins() {
        assertThat(blockOf("[down.0.resnet.10/t3]:9")).hasValue("down.0.resnet.10");
        assertThat(blockOf("[down.0.resnet.1/t3]:9")).hasValue("down.0.resnet.1");
        assertThat(blockOf("[down.0.resnet.100/t3]:9")).isEmpty();
    }

    @Test
    void blockOf_diffusersWeightNames_mapToTheirBlocks() {
        assertThat(blockOf("[down_blocks.1.attentions.0.proj_in.weight]:3")).hasValue("down.1.cross_attention.0");
        assertThat(blockOf("[mid_block.resnets.1.conv2.weight/unscaled]:8")).hasValue("mid.resnet.1");
        assertThat(blockOf("[mid_block.attentions.0.transformer_blocks.0.attn1.to_q.weight]:9")).hasValue("mid.cross_attention.0");
        assertThat(blockOf("[down_blocks.1.downsamplers.0.conv.weight]:4")).hasValue("down.1.downsample");
        assertThat(blockOf("[up_blocks.1.upsamplers.0.conv.bias]:5")).hasValue("up.1.upsample");
        assertThat(blockOf("[up_blocks.2.attentions.1.transformer_blocks.0.attn1.to_out.0.weight]:6")).hasValue("up.2.cross_attention.1");
        assertThat(blockOf("[time_embedding.linear_1.weight]:1")).hasValue("stem.time_embedding");
        assertThat(blockOf("[conv_norm_out.weight]:7")).hasValue("stem.conv_out");
        assertThat(blockOf("[conv_out.bias]:7")).hasValue("stem.conv_out");
    }

    @Test
    void blockOf_severalOutputs_firstTensorThatNamesABlockWins() {
        assertThat(blockOf("[sample_nhwc, mid.cross_attention.0/t2211]:806")).hasValue("mid.cross_attention.0");
    }

    @Test
    void blockOf_blockIdAfterAGraphPrefix_isFound() {
        assertThat(blockOf("[unet/down.1.cross_attention.0/t5]:12")).hasValue("down.1.cross_attention.0");
    }

    @Test
    void blockOf_namesOfNoBlock_areEmpty() {
        assertThat(blockOf("[out]:17")).isEmpty();
        assertThat(blockOf("[unet/t57]:3")).isEmpty();
        assertThat(blockOf("AllocateTensors/0")).isEmpty();
    }

    @Test
    void blockOf_delegateNodeOrOpTimedInsideXnnpack_isNeverABlock() {
        assertThat(MAPPER.blockOf(op("TfLiteXNNPackDelegate", "[mid.resnet.1/t2305]:1904", 1, 1))).isEmpty();
        assertThat(MAPPER.blockOf(op("TfLiteGpuDelegateV2", "[mid.resnet.1/t2305]:4", 1, 1))).isEmpty();
        assertThat(MAPPER.blockOf(op("Convolution (NHWC, F32) IGEMM", "Delegate/Convolution (NHWC, F32) IGEMM:0", 1, 1))).isEmpty();
    }

    @Test
    void totals_mixedOps_blocksInTableOrderThenDelegatesThenUnattributed() {
        List<OpRow> ops = List.of(
                op("TfLiteXNNPackDelegate", "[down.1.cross_attention.0/t1180]:1903", 30, 1),
                op("GELU", "[up.2.cross_attention.1/t9021]:6120", 10, 1),
                op("MEAN", "[stem.conv_in/t2]:2", 2.5, 2),
                op("Add (ND, F32)", "Delegate/Add (ND, F32):8", 1, 5),
                op("TfLiteXNNPackDelegate", "[out]:1905", 20, 1),
                op("BATCH_MATMUL", "[up.2.cross_attention.1/t9018]:6117", 20, 1),
                op("TfLiteGpuDelegateV2", "[x]:1", 10, 1));
        List<BlockTotal> t = MAPPER.totals(ops);
        assertThat(t).extracting(BlockTotal::block).containsExactly("stem.conv_in", "up.2.cross_attention.1", "TfLiteXNNPackDelegate",
                "TfLiteGpuDelegateV2", BlockMapper.UNATTRIBUTED);
        assertThat(t.get(0)).isEqualTo(new BlockTotal("stem.conv_in", "stem", 5, 0.05, 1, ""));
        assertThat(t.get(1)).isEqualTo(new BlockTotal("up.2.cross_attention.1", "cross_attention", 30, 0.3, 2, ""));
        assertThat(t.get(2)).isEqualTo(new BlockTotal("TfLiteXNNPackDelegate", BlockMapper.DELEGATE, 50, 0.5, 2, BlockMapper.HIDDEN_NOTE));
        assertThat(t.get(3)).isEqualTo(new BlockTotal("TfLiteGpuDelegateV2", BlockMapper.DELEGATE, 10, 0.1, 1, BlockMapper.HIDDEN_NOTE));
        assertThat(t.get(4)).isEqualTo(new BlockTotal(BlockMapper.UNATTRIBUTED, BlockMapper.UNATTRIBUTED, 5, 0.05, 1, ""));
        assertThat(t.stream().mapToDouble(BlockTotal::share).sum()).isCloseTo(1, within(1e-12));
    }

    @Test
    void totals_noOps_isEmpty() {
        assertThat(MAPPER.totals(List.of())).isEmpty();
    }
}
