package dev.snapfusion.runner.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpProfileCodecTest {
    static OpProfile sample() {
        OpProfile.Component unet = new OpProfile.Component("unet", 12.5, 1.25, List.of(
                new OpProfile.Op("CONV_2D", "Convolution (NHWC, F32) IGEMM", "stem.conv_in/t5", "stem.conv_in", 0.75, 0.075, 0),
                new OpProfile.Op("RESIZE_NEAREST_NEIGHBOR", "builtin kernel", "up.0.upsample/t9", "up.0.upsample", 0.1, 0.01, -1),
                new OpProfile.Op("DELEGATE", "DELEGATE TfLiteXNNPackDelegate, 407 nodes", "up.1.resnet.0/t3",
                        OpProfile.UNATTRIBUTED, 9.15, 0.915, 2)),
                List.of(new OpProfile.Block("stem.conv_in", 0.75, 0.075, 1), new OpProfile.Block("up.0.upsample", 0.1, 0.01, 1),
                        new OpProfile.Block(OpProfile.UNATTRIBUTED, 9.15, 0.915, 1)),
                List.of("XNNPACK partition 2 (407 nodes, spanning 2 blocks) is reported as one DELEGATE op: …"));
        OpProfile.Component text = new OpProfile.Component("text_encoder", 0.5, 0.0, List.of(
                new OpProfile.Op("GATHER", "builtin kernel", "text_encoder/t0", "text_encoder", 0.01, 1.0, -1)),
                List.of(new OpProfile.Block("text_encoder", 0.01, 1.0, 1)), List.of());
        return new OpProfile("TFLite 2.21.0 (C++ API, JavaCPP)", "host CPU (amd64, 2 cores)", "40b6aebcfc39b4eb", "xnnpack",
                2, 1, 1, List.of(text, unet), List.of("each op time is the mean of 1 profiled pass(es)"));
    }

    @Test
    void toJsonThenParse_everyField_roundTrips() {
        OpProfile p = sample();
        OpProfile back = OpProfileCodec.parse(OpProfileCodec.toJson(p));
        assertThat(back).isEqualTo(p);
        assertThat(back.component("unet")).get().extracting(OpProfile.Component::opsMs).isEqualTo(10.0);
        assertThat(back.unetBlockMs()).containsExactly(java.util.Map.entry("stem.conv_in", 0.75),
                java.util.Map.entry("up.0.upsample", 0.1), java.util.Map.entry(OpProfile.UNATTRIBUTED, 9.15));
    }

    @Test
    void toJson_wireNames_asDocumented() throws Exception {
        ObjectNode n = (ObjectNode) new ObjectMapper().readTree(OpProfileCodec.toJson(sample()));
        assertThat(n.get("format").asText()).isEqualTo("snapfusion-op-profile");
        assertThat(n.get("version").asInt()).isEqualTo(1);
        assertThat(n.get("warmup_passes").asInt()).isEqualTo(1);
        var unet = n.get("components").get(1);
        assertThat(unet.get("component").asText()).isEqualTo("unet");
        assertThat(unet.get("ops_ms").asDouble()).isEqualTo(10.0);
        assertThat(unet.get("ops").get(0).get("kernel").asText()).isEqualTo("Convolution (NHWC, F32) IGEMM");
        assertThat(unet.get("blocks").get(0).get("share").asDouble()).isEqualTo(0.075);
    }

    @Test
    void parse_optionalFieldsAbsent_readsDefaults() {
        OpProfile p = OpProfileCodec.parse("{\"format\":\"snapfusion-op-profile\",\"version\":1,\"components\":"
                + "[{\"component\":\"unet\",\"ops\":[{\"type\":\"ADD\",\"ms\":0.5}]}]}");
        OpProfile.Op op = p.components().get(0).ops().get(0);
        assertThat(op.block()).isEqualTo(OpProfile.UNATTRIBUTED);
        assertThat(op.partition()).isEqualTo(-1);
        assertThat(p.components().get(0).blocks()).isEmpty();
        assertThat(p.notes()).isEmpty();
        assertThat(p.unetBlockMs()).isEmpty();
    }

    @Test
    void parse_wrongFormatOrVersionOrMissingField_areNamedProtocolErrors() {
        assertThatThrownBy(() -> OpProfileCodec.parse("{\"format\":\"x\",\"version\":1,\"components\":[]}"))
                .isInstanceOf(RunnerProtocolException.class).hasMessageContaining("format 'x'");
        assertThatThrownBy(() -> OpProfileCodec.parse("{\"format\":\"snapfusion-op-profile\",\"version\":2,\"components\":[]}"))
                .isInstanceOf(RunnerProtocolException.class).hasMessageContaining("version 2");
        assertThatThrownBy(() -> OpProfileCodec.parse("{\"format\":\"snapfusion-op-profile\",\"version\":1,\"components\":"
                + "[{\"component\":\"unet\",\"ops\":[{\"type\":\"ADD\"}]}]}"))
                .isInstanceOf(RunnerProtocolException.class).hasMessageContaining("lacks 'ms'");
        assertThatThrownBy(() -> OpProfileCodec.parse("not json")).isInstanceOf(RunnerProtocolException.class)
                .hasMessageContaining("op_profile.json is not JSON");
    }
}
