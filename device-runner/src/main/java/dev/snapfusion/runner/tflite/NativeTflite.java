package dev.snapfusion.runner.tflite;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

/**
 * Loads libtensorflowlite_jni before the first Interpreter. On ART the AAR's own loader does it
 * (the .so is pushed beside the jar and found through LD_LIBRARY_PATH). On a desktop JVM the
 * org.tensorflow.lite classes from ai.djl.tflite:tflite-engine never load it themselves (FACTS.md), so
 * we copy it out of the tflite-native-cpu jar and System.load it.
 */
public final class NativeTflite {
    private static final String RESOURCE = "/native/lib/libtensorflowlite_jni.so";
    private static boolean loaded;

    private NativeTflite() {
    }

    public static synchronized void ensureLoaded() {
        if (loaded) return;
        if (isAndroid()) {
            // app_process gives no app library path: load the .so pushed beside the jar by absolute path when
            // LD_LIBRARY_PATH names its folder (RunnerArtifacts.launchCommand), else fall back to the system search.
            File pushed = findOnLdLibraryPath("libtensorflowlite_jni.so");
            if (pushed != null) System.load(pushed.getAbsolutePath());
            else System.loadLibrary("tensorflowlite_jni");
        } else {
            try (InputStream in = NativeTflite.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("TFLite native library " + RESOURCE + " is not on the classpath "
                            + "(ai.djl.tflite:tflite-native-cpu:2.6.2:linux-x86_64)");
                }
                File tmp = File.createTempFile("libtensorflowlite_jni", ".so");
                tmp.deleteOnExit();
                Files.copy(in, tmp.toPath(), StandardCopyOption.REPLACE_EXISTING);
                System.load(tmp.getAbsolutePath());
            } catch (IOException e) {
                throw new IllegalStateException("cannot extract the TFLite native library: " + e.getMessage(), e);
            }
        }
        loaded = true;
    }

    static File findOnLdLibraryPath(String name) {
        String path = System.getenv("LD_LIBRARY_PATH");
        if (path == null) return null;
        for (String dir : path.split(":")) {
            File f = new File(dir, name);
            if (!dir.isEmpty() && f.isFile()) return f;
        }
        return null;
    }

    public static boolean isAndroid() {
        String vm = System.getProperty("java.vm.name", "");
        return vm.contains("Dalvik") || System.getProperty("java.vendor", "").contains("Android");
    }
}
