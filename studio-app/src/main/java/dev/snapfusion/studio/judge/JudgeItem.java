package dev.snapfusion.studio.judge;

import java.nio.file.Path;

/**
 * One image to judge and what it was asked for.
 *
 * @param image the PNG
 * @param prompt the prompt it was generated from (or its ground-truth caption)
 * @param variant the model that made it (sd15, snapfusion, ...) or the caption folder's variant
 */
public record JudgeItem(Path image, String prompt, String variant) {
}
