package dev.snapfusion.studio.ops;

/**
 * The time of one UNet block in a profile, or of one kind of delegate node, or of the ops no block claims.
 *
 * @param block a block id ({@code down.1.cross_attention.0}), a delegate node type, or {@link BlockMapper#UNATTRIBUTED}
 * @param kind the block's kind ({@code resnet}, {@code cross_attention}...), {@link BlockMapper#DELEGATE} or
 *             {@link BlockMapper#UNATTRIBUTED}
 * @param ms milliseconds per run
 * @param share of the summed time of all ops, 0 to 1
 * @param ops how many profiled nodes it sums
 * @param note why the time is not split further, or empty
 */
public record BlockTotal(String block, String kind, double ms, double share, int ops, String note) {
}
