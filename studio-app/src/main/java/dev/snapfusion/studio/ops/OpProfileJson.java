package dev.snapfusion.studio.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The JSON of an op profile that {@code studio ops import --json} prints and saves as op_profile_import.json
 * (docs/op-profiles.md, "JSON"): file, layout, total, ops, init_ops, delegate_ops, by_type and, with a bundle's block
 * table, by_block. Stateless.
 */
public final class OpProfileJson {
    private OpProfileJson() {
    }

    public static ObjectNode of(OpProfile p, Optional<BlockMapper> mapper) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("file", p.source());
        o.put("layout", p.layout().wireName());
        p.total().ifPresentOrElse(t -> o.put("total_ms", round(t.ms())), () -> o.putNull("total_ms"));
        p.total().ifPresentOrElse(t -> o.put("total_from", t.basis().wireName()), () -> o.putNull("total_from"));
        ops(o.putArray("ops"), p.ops(), mapper);
        ops(o.putArray("init_ops"), p.initOps(), Optional.empty());
        ops(o.putArray("delegate_ops"), p.delegateOps(), Optional.empty());
        ArrayNode types = o.putArray("by_type");
        for (TypeRow t : p.byType()) {
            types.addObject().put("type", t.type()).put("count", t.count()).put("avg_ms", t.avgMs()).put("percent", t.percent());
        }
        mapper.ifPresent(m -> {
            ArrayNode blocks = o.putArray("by_block");
            for (BlockTotal b : m.totals(p.ops())) {
                ObjectNode n = blocks.addObject().put("block", b.block()).put("kind", b.kind()).put("ms", round(b.ms()))
                        .put("share", round(b.share())).put("ops", b.ops());
                if (!b.note().isEmpty()) n.put("note", b.note());
            }
        });
        return o;
    }

    /** Writes {@code json} pretty-printed to {@code target} through a temporary file, so a crash leaves the old file or none. */
    public static void save(Path target, ObjectNode json) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json),
                    StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void ops(ArrayNode arr, List<OpRow> ops, Optional<BlockMapper> mapper) {
        for (OpRow op : ops) {
            ObjectNode n = arr.addObject().put("type", op.type()).put("name", op.name()).put("avg_ms", op.avgMs())
                    .put("first_ms", op.firstMs()).put("times_called", op.timesCalled());
            mapper.flatMap(m -> m.blockOf(op)).ifPresent(b -> n.put("block", b.id()));
            if (op.hidesOps()) n.put("note", BlockMapper.HIDDEN_NOTE);
        }
    }

    /** Sums of three-decimal values, without the float noise of the additions. */
    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
