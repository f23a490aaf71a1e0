package dev.snapfusion.studio.app;

import java.util.List;
import java.util.Optional;

/**
 * One stack sample of the FX thread, taken while a watchdog ping waited. Only the frames of the event being
 * handled count: those above the innermost event loop. A dialog's nested loop thus hides the page code that
 * opened it, which is waiting for the user, not blocking.
 *
 * @param afterMs how long the ping had waited when the sample was taken
 * @param frames  the whole stack, innermost first
 */
public record FxSample(double afterMs, List<StackTraceElement> frames) {
    private static final String STUDIO = "dev.snapfusion.studio.";
    /**
     * Calls that wait on the disk, the network, another thread or a native runtime, and the studio's long jobs
     * (converting, generating, comparing). Value types of those modules (a manifest's records) are not listed.
     */
    private static final List<String> BLOCKING = List.of("java.nio.file.Files.", "java.io.FileInputStream.",
            "java.io.FileOutputStream.", "java.io.RandomAccessFile.", "java.io.File.", "java.io.UnixFileSystem.",
            "java.net.Socket", "java.net.ServerSocket", "java.net.InetAddress", "sun.nio.ch.", "sun.nio.fs.",
            "java.lang.Thread.sleep", "java.lang.Object.wait", "java.util.concurrent.locks.LockSupport.park",
            "java.util.concurrent.FutureTask.get", "java.util.concurrent.CompletableFuture.get",
            "java.util.concurrent.CountDownLatch.await", "java.lang.Process", "javax.imageio.", "com.sun.javafx.iio.",
            "org.bytedeco.", "org.tensorflow.", "dev.snapfusion.runner.desktop.", "dev.snapfusion.runner.pipeline.",
            "dev.snapfusion.bridge.tflite.", "dev.snapfusion.bridge.convert.BundleConverter.",
            "dev.snapfusion.studio.job.Studio.", "dev.snapfusion.studio.job.DemoJob.");
    /**
     * Loading the app's own classes and resources (from its jars) reads files too, below any first use of a class;
     * a blocking frame above one of these is the loader's, not the studio's. The style manager belongs here too: it
     * reads the style sheets and the icons they name ({@code url(...)}), all of them packaged in the app's and its
     * libraries' jars (ControlsFX's property sheet brings its toolbar icons that way).
     */
    private static final List<String> LOADING = List.of("java.lang.ClassLoader.", "jdk.internal.loader.",
            "java.lang.Class.", "java.util.zip.", "java.util.jar.", "sun.net.www.protocol.jar.",
            "com.sun.javafx.css.StyleManager.");
    /** What the FX thread's own loop runs on while it waits for work. */
    private static final List<String> IDLE = List.of("java.", "jdk.", "sun.", "com.sun.glass.");

    public FxSample {
        frames = List.copyOf(frames);
    }

    static FxSample of(double afterMs, StackTraceElement[] stack) {
        return new FxSample(afterMs, List.of(stack));
    }

    /** The frames of the event being handled: those above the innermost event loop (all of them if none is seen). */
    public List<StackTraceElement> currentEvent() {
        for (int i = 0; i < frames.size(); i++) {
            if (isEventLoop(frames.get(i))) return frames.subList(0, i);
        }
        return frames;
    }

    /** True when the FX thread was waiting for work in its loop: the ping's delay was not its doing. */
    public boolean idle() {
        List<StackTraceElement> event = currentEvent();
        return event.size() < frames.size() && event.stream().allMatch(f -> startsWithAny(name(f), IDLE));
    }

    /**
     * A studio frame that called, during the current event, something that blocks: "GenerateModel.showRun(...)
     * → java.nio.file.Files.readString". Empty when no studio frame lies below a blocking call.
     */
    public Optional<String> blockingStudioCall() {
        StackTraceElement blocking = null;
        for (StackTraceElement f : currentEvent()) {
            String name = name(f);
            if (startsWithAny(name, LOADING)) {
                blocking = null;
            } else if (startsWithAny(name, BLOCKING)) {
                if (blocking == null) blocking = f;
            } else if (name.startsWith(STUDIO) && blocking != null) {
                return Optional.of(frame(f) + " → " + name(blocking));
            }
        }
        return Optional.empty();
    }

    /** The innermost {@code limit} frames of the current event, one per line. */
    public String top(int limit) {
        StringBuilder b = new StringBuilder();
        List<StackTraceElement> event = currentEvent();
        for (int i = 0; i < Math.min(limit, event.size()); i++) b.append("        at ").append(frame(event.get(i))).append('\n');
        if (event.size() > limit) b.append("        … ").append(event.size() - limit).append(" more\n");
        return b.toString();
    }

    private static boolean isEventLoop(StackTraceElement f) {
        String m = f.getMethodName();
        return f.getClassName().startsWith("com.sun.glass.ui.")
                && (m.equals("runLoop") || m.equals("_runLoop") || m.equals("enterNestedEventLoop")
                || m.equals("_enterNestedEventLoop"));
    }

    /** "dev.snapfusion.studio.generate.GenerateModel.showRun(GenerateModel.java:212)", without the loader's prefix. */
    private static String frame(StackTraceElement f) {
        String where = f.getFileName() == null ? "Unknown Source"
                : f.getLineNumber() >= 0 ? f.getFileName() + ":" + f.getLineNumber() : f.getFileName();
        return name(f) + "(" + where + ")";
    }

    private static String name(StackTraceElement f) {
        return f.getClassName() + "." + f.getMethodName();
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String p : prefixes) {
            if (name.startsWith(p)) return true;
        }
        return false;
    }
}
