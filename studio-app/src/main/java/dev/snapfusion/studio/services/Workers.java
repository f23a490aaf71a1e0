package dev.snapfusion.studio.services;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Background threads for the pages: long work never runs on the FX thread. */
public final class Workers {
    private Workers() {
    }

    /** One daemon thread, so a page's jobs run in order and never keep the JVM alive after the window closes. */
    public static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Daemon threads made as needed, for work that runs side by side (one push per device). */
    public static ExecutorService pool(String name) {
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
