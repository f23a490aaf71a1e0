package dev.snapfusion.studio.judge;

import dev.snapfusion.bridge.toy.ToyVerdict;

/**
 * One image and the judge's verdict on it.
 *
 * @param verdict null when the prompt is outside the toy grammar, so the image is not judged
 */
public record JudgedImage(JudgeItem item, ToyVerdict verdict) {
    public boolean judged() {
        return verdict != null;
    }
}
