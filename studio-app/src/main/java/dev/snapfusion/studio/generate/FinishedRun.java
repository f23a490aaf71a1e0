package dev.snapfusion.studio.generate;

import dev.snapfusion.link.RunOutcome;
import dev.snapfusion.runner.protocol.RunTimings;
import javafx.scene.image.Image;

/**
 * A run with its image decoded and its timings read, both on the worker thread: the FX thread only shows them.
 *
 * @param image   null when the runner wrote none
 * @param timings null when timings.json is missing or unreadable
 */
record FinishedRun(RunOutcome outcome, Image image, RunTimings timings) {
}
