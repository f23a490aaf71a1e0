package dev.snapfusion.bridge.source;

import java.util.Set;

/** A checkpoint that can list its tensors, so a strict loader can report leftovers. */
public interface NamedCheckpoint extends Checkpoint {
    Set<String> names();

    /** The stored shape of {@code name}; throws {@link CheckpointException} when there is no such tensor. */
    int[] shape(String name);

    /** The name {@code name} has in the file itself, for messages users search their checkpoint for. */
    default String storedName(String name) {
        return name;
    }
}
