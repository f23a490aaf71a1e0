package dev.snapfusion.runner;

/** The runner's own version, shared by the entry point and the pipeline (neither imports the other for it). */
public final class RunnerVersion {
    public static final String VERSION = "0.1.0";

    private RunnerVersion() {
    }

    private static volatile String phoneTflite;

    /** The TFLite version of the AAR the runner ships to phones, e.g. {@code 2.16.1} (from the build; read once). */
    public static String phoneTflite() {
        String v = phoneTflite;
        if (v == null) phoneTflite = v = readPhoneTflite();
        return v;
    }

    private static String readPhoneTflite() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = RunnerVersion.class.getResourceAsStream("runtime.properties")) {
            if (in != null) p.load(in);
        } catch (java.io.IOException e) {
            return "unknown";
        }
        return p.getProperty("phone.tflite", "unknown");
    }

    /** What the phone runtime calls itself in runs and device lists. */
    public static String phoneRuntime() {
        return "TFLite " + phoneTflite() + " (Java API, AAR)";
    }
}
