package dev.snapfusion.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The watchdog's reading of a stack sample, on stacks written out frame by frame (innermost first). */
class FxSampleTest {
    private static final String[] LOOP = {"com.sun.glass.ui.monocle.RunnableProcessor.runLoop",
        "com.sun.glass.ui.monocle.RunnableProcessor.run", "java.lang.Thread.run"};
    private static final String[] DISPATCH = {"com.sun.javafx.application.PlatformImpl.lambda$runLater$10",
        "com.sun.glass.ui.InvokeLaterDispatcher$Future.run"};

    private static FxSample sample(String... frames) {
        List<StackTraceElement> stack = new ArrayList<>();
        for (String f : frames) {
            int dot = f.lastIndexOf('.');
            stack.add(new StackTraceElement(f.substring(0, dot), f.substring(dot + 1), "X.java", 1));
        }
        for (String f : LOOP) {
            int dot = f.lastIndexOf('.');
            stack.add(new StackTraceElement(f.substring(0, dot), f.substring(dot + 1), null, -1));
        }
        return FxSample.of(120, stack.toArray(StackTraceElement[]::new));
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(b));
        all.addAll(List.of(a));
        return all.toArray(String[]::new);
    }

    @Test
    void idle_waitingInTheLoop_isIdleAndBlamesNothing() {
        FxSample s = sample("java.lang.Object.wait", "com.sun.glass.ui.monocle.RunnableQueue.getNextRunnable");
        assertThat(s.idle()).isTrue();
        assertThat(s.blockingStudioCall()).isEmpty();
    }

    @Test
    void blockingStudioCall_pageReadsAFile_namesThePageFrameAndTheCall() {
        FxSample s = sample(concat(DISPATCH, "sun.nio.ch.FileDispatcherImpl.read0", "java.nio.file.Files.readAllBytes",
                "java.nio.file.Files.readString", "dev.snapfusion.studio.generate.GenerateModel.showRun",
                "dev.snapfusion.studio.generate.GenerateModel.lambda$run$3", "javafx.concurrent.Task.setOnSucceeded"));
        assertThat(s.idle()).isFalse();
        assertThat(s.blockingStudioCall()).hasValueSatisfying(v -> assertThat(v)
                .startsWith("dev.snapfusion.studio.generate.GenerateModel.showRun(X.java:1)")
                .endsWith("→ sun.nio.ch.FileDispatcherImpl.read0"));
    }

    @Test
    void blockingStudioCall_pageConvertsOnTheFxThread_namesTheConverter() {
        FxSample s = sample(concat(DISPATCH, "dev.snapfusion.bridge.convert.BundleConverter.convert",
                "dev.snapfusion.studio.job.Studio.convert", "dev.snapfusion.studio.convert.ConvertModel.convert"));
        assertThat(s.blockingStudioCall()).hasValueSatisfying(v -> assertThat(v)
                .startsWith("dev.snapfusion.studio.convert.ConvertModel.convert(X.java:1)")
                .endsWith("→ dev.snapfusion.bridge.convert.BundleConverter.convert"));
    }

    @Test
    void blockingStudioCall_pageReadsTheManifestRecords_blamesNothing() {
        FxSample s = sample(concat(DISPATCH, "dev.snapfusion.runner.bundle.FileEntry.path",
                "dev.snapfusion.runner.bundle.BundleManifest.file", "dev.snapfusion.studio.convert.ComponentRow.size"));
        assertThat(s.blockingStudioCall()).isEmpty();
    }

    @Test
    void blockingStudioCall_firstUseOfAClassReadsItsJar_blamesNothing() {
        FxSample s = sample(concat(DISPATCH, "java.io.RandomAccessFile.readBytes", "java.util.zip.ZipFile$Source.readAt",
                "jdk.internal.loader.BuiltinClassLoader.loadClass", "java.lang.ClassLoader.loadClass",
                "dev.snapfusion.studio.compare.ComparePage.<init>"));
        assertThat(s.idle()).isFalse();
        assertThat(s.blockingStudioCall()).isEmpty();
    }

    @Test
    void blockingStudioCall_styleSheetIconDecodedWhileStylingAPage_blamesNothing() {
        FxSample s = sample(concat(DISPATCH, "java.io.DataInputStream.skipBytes", "com.sun.javafx.iio.png.PNGImageLoader2.load",
                "javafx.scene.image.Image.<init>", "com.sun.javafx.css.StyleManager.getCachedImage",
                "com.sun.javafx.css.StyleManager.findMatchingStyles", "javafx.scene.Node.reapplyCss",
                "javafx.scene.Parent.applyCss", "dev.snapfusion.studio.layout.MainWindow.warm"));
        assertThat(s.blockingStudioCall()).isEmpty();
    }

    @Test
    void blockingStudioCall_pageDecodesARunImage_namesThePage() {
        FxSample s = sample(concat(DISPATCH, "java.io.DataInputStream.skipBytes", "com.sun.javafx.iio.png.PNGImageLoader2.load",
                "javafx.scene.image.Image.<init>", "dev.snapfusion.studio.generate.GenerateModel.showRun"));
        assertThat(s.blockingStudioCall()).hasValueSatisfying(v -> assertThat(v)
                .startsWith("dev.snapfusion.studio.generate.GenerateModel.showRun(X.java:1)")
                .endsWith("→ com.sun.javafx.iio.png.PNGImageLoader2.load"));
    }

    @Test
    void blockingStudioCall_layoutPassUnderAPageHandler_blamesNothing() {
        FxSample s = sample(concat(DISPATCH, "javafx.scene.Parent.layout", "javafx.scene.control.TableView.setItems",
                "dev.snapfusion.studio.compare.ComparePage.showReport"));
        assertThat(s.idle()).isFalse();
        assertThat(s.blockingStudioCall()).isEmpty();
    }

    @Test
    void currentEvent_dialogWaitingInANestedLoop_hidesThePageThatOpenedIt() {
        // Without the cut at the nested loop, the wait would count as the page's blocking call.
        FxSample s = sample(concat(DISPATCH, "java.lang.Object.wait", "com.sun.glass.ui.monocle.RunnableQueue.getNextRunnable",
                "com.sun.glass.ui.monocle.RunnableProcessor.runLoop", "com.sun.glass.ui.monocle.RunnableProcessor.enterNestedEventLoop",
                "javafx.scene.control.Dialog.showAndWait", "dev.snapfusion.studio.generate.GeneratePage.chooseComparison"));
        assertThat(s.currentEvent()).hasSize(2);
        assertThat(s.idle()).isTrue();
        assertThat(s.blockingStudioCall()).isEmpty();
    }
}
