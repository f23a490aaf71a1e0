package dev.snapfusion.runner.android;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Build check of target/runner-android.jar, which the build makes with D8 in process-classes (device-runner/pom.xml).
 * Needs Debian's {@code dexdump} (package dexdump) at /usr/bin/dexdump.
 */
class RunnerAndroidJarTest {
    private static final Path TARGET = Path.of("target");
    private static final Path JAR = TARGET.resolve("runner-android.jar");
    private static final Path DEXDUMP = Path.of("/usr/bin/dexdump");

    /** Desktop-only Java packages that Android's runtime does not have. */
    private static final List<String> NOT_ON_ANDROID = List.of("java/awt/", "javax/imageio/", "javax/swing/",
            "java/beans/", "java/lang/management/", "javax/management/", "java/net/http/", "java/util/prefs/",
            "java/lang/foreign/", "javax/script/", "jdk/", "sun/", "com/sun/", "ai/djl/");

    @TempDir
    Path tmp;

    @Test
    void androidJar_holdsDexAndClassFiles_dexHasRunnerMainAndTfliteInterpreterButNoDesktopTflite() throws Exception {
        assertThat(JAR).as("runner-android.jar is built in process-classes").isRegularFile();
        try (ZipFile z = new ZipFile(JAR.toFile())) {
            assertThat(z.getEntry("classes.dex")).isNotNull();
            assertThat(z.getEntry("dev/snapfusion/runner/RunnerMain.class")).as("class files for the JVM").isNotNull();
            assertThat(z.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")))
                    .allMatch(n -> n.startsWith("dev/snapfusion/runner/"))
                    .noneMatch(n -> n.startsWith("dev/snapfusion/runner/desktop/"));
            assertThat(z.stream().map(ZipEntry::getName)).as("no native library of the desktop runtime")
                    .noneMatch(n -> n.endsWith(".so"));
            Files.copy(z.getInputStream(z.getEntry("classes.dex")), tmp.resolve("classes.dex"));
        }
        Set<String> classes = dexClasses(tmp.resolve("classes.dex"));
        assertThat(classes).contains("Ldev/snapfusion/runner/RunnerMain;", "Ldev/snapfusion/runner/pipeline/Pipeline;",
                "Lorg/tensorflow/lite/Interpreter;", "Lorg/tensorflow/lite/NativeInterpreterWrapper;",
                "Lcom/fasterxml/jackson/databind/ObjectMapper;");
        assertThat(classes).noneMatch(c -> c.startsWith("Lai/djl/"));
        // the desktop runtime (TFLite 2.21 via JavaCPP) stays on the desktop; the phone selects the Java API by name
        assertThat(classes).contains("Ldev/snapfusion/runner/tflite/TfliteRuntime;")
                .noneMatch(c -> c.startsWith("Lorg/bytedeco/") || c.startsWith("Ldev/snapfusion/runner/desktop/"));
        assertThat(Files.size(JAR)).as("runner jar size, without the 12 MB desktop natives").isLessThan(4_000_000);
    }

    @Test
    void d8_minApi26_reportsNoWarningsAboutTheRunnersOwnCode() throws IOException {
        Path log = TARGET.resolve("android/d8.log");
        assertThat(log).isRegularFile();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines).noneMatch(l -> l.contains("dev.snapfusion") || l.contains("dev/snapfusion"));
        assertThat(lines).noneMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("missing class")
                || l.contains("was not found"));
    }

    @Test
    void runnerClasses_referenceNoDesktopOnlyPackages() throws IOException {
        List<String> bad = new ArrayList<>();
        Path classesDir = TARGET.resolve("classes");
        try (Stream<Path> s = Files.walk(classesDir)) {
            for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".class"))::iterator) {
                for (String ref : referencedClasses(Files.readAllBytes(p))) {
                    for (String prefix : NOT_ON_ANDROID) {
                        if (ref.contains(prefix) && (ref.startsWith(prefix) || ref.contains("L" + prefix))) {
                            bad.add(classesDir.relativize(p) + " -> " + ref);
                        }
                    }
                }
            }
        }
        assertThat(bad).as("desktop-only types used by the runner").isEmpty();
    }

    @Test
    void referencedClasses_findsAwtInAClassThatUsesIt() throws IOException {
        // the scanner itself must see a desktop type when one is there
        try (InputStream in = java.awt.Point.class.getResourceAsStream("Point.class")) {
            assertThat(in).isNotNull();
            assertThat(referencedClasses(in.readAllBytes())).anyMatch(r -> r.startsWith("java/awt/"));
        }
    }

    private static Set<String> dexClasses(Path dex) throws Exception {
        assertThat(DEXDUMP).as("Debian's dexdump (apt-get install dexdump) checks the dex").isExecutable();
        Process p = new ProcessBuilder(DEXDUMP.toString(), dex.toString()).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out.toString(StandardCharsets.UTF_8)).isZero();
        Set<String> classes = new TreeSet<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            int i = line.indexOf("Class descriptor");
            if (i >= 0) classes.add(line.substring(line.indexOf('\'') + 1, line.lastIndexOf('\'')));
        }
        return classes;
    }

    /** Class names and descriptors in a class file's constant pool (CONSTANT_Class and UTF-8 descriptors). */
    static Set<String> referencedClasses(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file");
        in.readUnsignedShort();
        in.readUnsignedShort();
        int n = in.readUnsignedShort();
        String[] utf8 = new String[n];
        List<Integer> classIdx = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1: utf8[i] = in.readUTF(); break;
                case 7: classIdx.add(in.readUnsignedShort()); break;
                case 8: case 16: case 19: case 20: in.readUnsignedShort(); break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18: in.readInt(); break;
                case 15: in.readUnsignedByte(); in.readUnsignedShort(); break;
                case 5: case 6: in.readLong(); i++; break;
                default: throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> refs = new TreeSet<>();
        for (int idx : classIdx) refs.add(utf8[idx]);
        for (String s : utf8) if (s != null && s.contains("/") && (s.startsWith("(") || s.startsWith("L"))) refs.add(s);
        return refs;
    }
}
