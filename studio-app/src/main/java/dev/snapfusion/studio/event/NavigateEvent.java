package dev.snapfusion.studio.event;

import java.util.Objects;

/** Asks the main window to show a page (sent by the sidebar and by pages that hand work on). */
public record NavigateEvent(PageId page) {
    public NavigateEvent {
        Objects.requireNonNull(page, "page");
    }
}
