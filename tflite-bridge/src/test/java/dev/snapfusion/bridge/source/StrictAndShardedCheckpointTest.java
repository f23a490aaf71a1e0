package dev.snapfusion.bridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrictAndShardedCheckpointTest {
    @TempDir
    Path dir;

    private Path two() throws Exception {
        new SafetensorsWriter().add("a.weight", SafetensorsDtype.F32, new int[] {2}, new float[] {1, 2}).write(dir.resolve("m-1.safetensors"));
        new SafetensorsWriter().add("b.weight", SafetensorsDtype.F16, new int[] {1, 2}, new float[] {3, 4})
                .add("c.bias", SafetensorsDtype.F32, new int[] {1}, new float[] {5}).write(dir.resolve("m-2.safetensors"));
        Path index = dir.resolve("m.safetensors.index.json");
        Files.writeString(index, "{\"metadata\":{\"total_size\":16},\"weight_map\":{\"a.weight\":\"m-1.safetensors\","
                + "\"b.weight\":\"m-2.safetensors\",\"c.bias\":\"m-2.safetensors\"}}");
        return index;
    }

    @Test
    void sharded_readsAcrossShards() throws Exception {
        try (SafetensorsCheckpoint c = SafetensorsCheckpoint.open(two())) {
            assertThat(c.names()).containsExactlyInAnyOrder("a.weight", "b.weight", "c.bias");
            assertThat(c.tensor("b.weight", 1, 2)).containsExactly(3f, 4f);
            assertThat(c.tensor("a.weight", 2)).containsExactly(1f, 2f);
            assertThatThrownBy(() -> c.tensor("a.weight", 1, 2)).hasMessageContaining("a.weight has shape [2], the architecture needs [1, 2]");
            assertThatThrownBy(() -> c.tensor("zzz", 1)).hasMessageContaining("missing tensor zzz");
        }
    }

    @Test
    void sharded_indexLies_named() throws Exception {
        Path index = two();
        Files.writeString(index, "{\"weight_map\":{\"a.weight\":\"m-1.safetensors\",\"b.weight\":\"m-3.safetensors\"}}");
        assertThatThrownBy(() -> SafetensorsCheckpoint.open(index)).hasMessageContaining(index.toString())
                .hasMessageContaining("shard m-3.safetensors (for b.weight) is missing");
        Files.writeString(index, "{\"weight_map\":{\"a.weight\":\"m-2.safetensors\"}}");
        assertThatThrownBy(() -> SafetensorsCheckpoint.open(index)).hasMessageContaining("puts a.weight in m-2.safetensors, which has no such tensor");
        Files.writeString(index, "{\"weight_map\":{\"a.weight\":\"m-1.safetensors\",\"b.weight\":\"m-2.safetensors\"}}");
        assertThatThrownBy(() -> SafetensorsCheckpoint.open(index)).hasMessageContaining("holds c.bias, which weight_map does not place there");
        Files.writeString(index, "{\"metadata\":{}}");
        assertThatThrownBy(() -> SafetensorsCheckpoint.open(index)).hasMessageContaining("no weight_map");
        Files.writeString(index, "{\"weight_map\":{\"a.weight\":\"../m-1.safetensors\"}}");
        assertThatThrownBy(() -> SafetensorsCheckpoint.open(index)).hasMessageContaining("not a file next to the index");
    }

    @Test
    void strict_missingAndLeftover_listedByName() throws Exception {
        try (SafetensorsCheckpoint c = SafetensorsCheckpoint.open(two())) {
            StrictCheckpoint s = new StrictCheckpoint("unet", c, n -> n.startsWith("c."));
            assertThat(s.tensor("a.weight", 2)).containsExactly(1f, 2f);
            assertThat(s.tensor("x.weight", 3)).containsExactly(0f, 0f, 0f);
            assertThat(s.tensor("y.weight", 1)).hasSize(1);
            assertThat(s.missing()).containsExactly("x.weight", "y.weight");
            assertThat(s.leftover()).containsExactly("b.weight");
            assertThatThrownBy(s::verify).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("unet: 2 missing tensors: x.weight, y.weight")
                    .hasMessageContaining("unet: 1 leftover tensor: b.weight");
            assertThatThrownBy(() -> s.tensor("a.weight", 3)).hasMessageContaining("a.weight has shape [2]");
            StrictCheckpoint ok = new StrictCheckpoint("t", c, n -> false);
            ok.tensor("a.weight", 2);
            ok.tensor("b.weight", 1, 2);
            ok.tensor("c.bias", 1);
            ok.verify();
            assertThat(ok.problems()).isEmpty();
        }
    }

    @Test
    void renamed_oldVaeNamesAndSqueezedConvs_readAsNewLinears() throws Exception {
        new SafetensorsWriter().add("decoder.mid_block.attentions.0.query.weight", SafetensorsDtype.F32, new int[] {2, 2, 1, 1},
                new float[] {1, 2, 3, 4}).write(dir.resolve("v.safetensors"));
        try (SafetensorsCheckpoint c = SafetensorsCheckpoint.open(dir.resolve("v.safetensors"))) {
            RenamedCheckpoint r = new RenamedCheckpoint(c, "old", n -> true, DiffusersFolder::newVaeName);
            assertThat(r.names()).containsExactly("decoder.mid_block.attentions.0.to_q.weight");
            assertThat(r.tensor("decoder.mid_block.attentions.0.to_q.weight", 2, 2)).containsExactly(1f, 2f, 3f, 4f);
            assertThatThrownBy(() -> r.tensor("decoder.mid_block.attentions.0.to_q.weight", 4)).hasMessageContaining("has shape [2, 2, 1, 1]");
        }
    }
}
