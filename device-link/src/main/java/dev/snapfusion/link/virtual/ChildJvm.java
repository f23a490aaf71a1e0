package dev.snapfusion.link.virtual;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a main class of the runner classpath as a child JVM on the host, in place of a process on the phone:
 * {@code java -cp <runnerClasspath> MAIN ARGS...} with SNAPFUSION_SYSROOT set to the sandbox, so device paths resolve
 * inside it. Output is forwarded as it is produced; if the host closes the stream, the child (and anything it started)
 * is killed; {@code kill} and {@code pkill -f} find it by the device command line it stands for. Stateless.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /** @param deviceCommandLine what the child stands for on the device, matched by {@code pkill -f} */
    static int run(String mainClass, List<String> args, String deviceCommandLine, ShellIo io, DeviceContext context)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(context.runnerClasspath());
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(context.sandbox().root().toFile());
        pb.environment().put("SNAPFUSION_SYSROOT", context.sandbox().root().toString());
        Process child = pb.start();
        context.addChild(child, deviceCommandLine);
        try {
            io.onClose(() -> destroyTree(child));
            io.stdinSink(child.getOutputStream());
            Thread out = pump(child.getInputStream(), io.out(), child.pid() + "-out");
            Thread err = pump(child.getErrorStream(), io.err(), child.pid() + "-err");
            int code = child.waitFor();
            out.join();
            err.join();
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyTree(child);
            throw new IOException("interrupted while " + mainClass + " ran", e);
        } finally {
            context.removeChild(child);
        }
    }

    static void destroyTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** Forwards whatever the child has written as soon as it is there (the runner flushes per event line). */
    private static Thread pump(InputStream from, OutputStream to, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (from) {
                int n;
                while ((n = from.read(buf)) >= 0) {
                    if (n > 0) to.write(buf, 0, n);
                }
            } catch (IOException e) {
                // the child or the stream is gone; the exit code (or the close hook) tells the rest
            }
        }, "vdev-child-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
