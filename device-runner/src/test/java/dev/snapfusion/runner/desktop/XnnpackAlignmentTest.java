package dev.snapfusion.runner.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator sequences here are the ones TFLite 2.21's XNNPACK reported for the demo bundles (docs/op-profile.md). */
class XnnpackAlignmentTest {
    private static final String SR = "Static Reshape (NC)";
    private static final String FC = "Fully Connected (NC, F32) GEMM";

    @Test
    void align_resnetStartFp32_oneToOneExceptFcReshapeAndFusedPad() {
        // stem.time_embedding then stem.conv_in of the fp32 demo UNet: FC = reshape + GEMM, PAD fused into the conv.
        List<String> types = List.of("FULLY_CONNECTED", "LOGISTIC", "MUL", "FULLY_CONNECTED", "PAD", "CONV_2D", "MUL");
        List<String> ops = List.of(SR, FC, "Sigmoid (NC)", "Multiply (ND)", SR, FC, "Convolution (NHWC, F32) IGEMM", "Square (NC)");
        XnnpackAlignment.Alignment a = XnnpackAlignment.align(types, ops).orElseThrow();
        assertThat(a.ownerOfOperator()).containsExactly(0, 0, 1, 2, 3, 3, 5, 6);
        assertThat(a.labels().get(0)).isEqualTo(SR + " + " + FC);
        assertThat(a.labels().get(4)).isEqualTo(XnnpackAlignment.FUSED_PAD);
        assertThat(a.labels().get(6)).isEqualTo("Square (NC)");
    }

    @Test
    void align_int8PadKeptAndConvertBeforeConv_givesBothToTheirNodes() {
        List<String> types = List.of("PAD", "CONV_2D");
        List<String> ops = List.of("Constant Pad (ND, X32)", "Convert (NC, F32, QDU8)", "Convolution (NHWC, QDU8, F32, QC8W) IGEMM");
        assertThat(XnnpackAlignment.align(types, ops).orElseThrow().ownerOfOperator()).containsExactly(0, 1, 1);
    }

    @Test
    void align_runOfThreeReshapesAsTwoOperators_timeGoesToTheLastOfTheRun() {
        // int8 demo UNet, a 1×1 conv (as a GEMM) between reshapes: R C R R R C R became SR FC SR SR FC SR.
        List<String> types = List.of("RESHAPE", "CONV_2D", "RESHAPE", "RESHAPE", "RESHAPE", "CONV_2D", "RESHAPE");
        List<String> ops = List.of(SR, FC, SR, SR, FC, SR);
        XnnpackAlignment.Alignment a = XnnpackAlignment.align(types, ops).orElseThrow();
        assertThat(a.ownerOfOperator()).containsExactly(0, 1, 4, 4, 5, 6);
        assertThat(a.labels().subList(2, 5)).containsExactly(XnnpackAlignment.MERGED_RESHAPE,
                XnnpackAlignment.MERGED_RESHAPE, SR + " + " + SR);
    }

    @Test
    void align_dequantizeOfWeights_hasNoOperator() {
        XnnpackAlignment.Alignment a = XnnpackAlignment.align(List.of("DEQUANTIZE", "DEQUANTIZE", "FULLY_CONNECTED"),
                List.of(SR, FC)).orElseThrow();
        assertThat(a.ownerOfOperator()).containsExactly(2, 2);
        assertThat(a.labels().get(0)).isEqualTo(XnnpackAlignment.UNPACKED);
    }

    @Test
    void align_twoReadings_isRefused() {
        // Which PAD XNNPACK fused cannot be told: no alignment rather than a guess.
        assertThat(XnnpackAlignment.align(List.of("PAD", "PAD"), List.of("Constant Pad (ND, X32)"))).isEmpty();
    }

    @Test
    void align_unknownOpTypeOrOperatorOrCountMismatch_isRefused() {
        assertThat(XnnpackAlignment.align(List.of("ADD", "GELU"), List.of("Add (ND)", "GELU (NC)"))).isEmpty();
        assertThat(XnnpackAlignment.align(List.of("ADD"), List.of("Subtract (ND)"))).isEmpty();
        assertThat(XnnpackAlignment.align(List.of("ADD", "ADD"), List.of("Add (ND)"))).isEmpty();
        assertThat(XnnpackAlignment.align(List.of("ADD"), List.of("Add (ND)", "Add (ND)"))).isEmpty();
    }

    @Test
    void family_isTheNameBeforeTheFirstParenthesis() {
        assertThat(XnnpackAlignment.family("Batch Matrix Multiply (NC, F32) GEMM")).isEqualTo("Batch Matrix Multiply");
        assertThat(XnnpackAlignment.family("Copy")).isEqualTo("Copy");
    }
}
