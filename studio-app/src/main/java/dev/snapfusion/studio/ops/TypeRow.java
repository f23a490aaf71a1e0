package dev.snapfusion.studio.ops;

/**
 * One row of a "Summary by node type" table.
 *
 * @param count nodes of this type
 * @param avgMs milliseconds per run spent in all nodes of this type
 * @param percent share of the run, in percent
 * @param timesCalled calls per run of all nodes of this type
 */
public record TypeRow(String type, long count, double avgMs, double percent, double cdfPercent, double memKb, long timesCalled) {
}
