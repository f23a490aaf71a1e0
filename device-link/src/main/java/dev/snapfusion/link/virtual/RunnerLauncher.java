package dev.snapfusion.link.virtual;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs {@code CLASSPATH=<jar> [LD_LIBRARY_PATH=<dir>] app_process <dir> dev.snapfusion.runner.RunnerMain ARGS...}
 * as a child JVM on the host: {@code java -cp <runnerClasspath> dev.snapfusion.runner.RunnerMain ARGS...} with
 * SNAPFUSION_SYSROOT set to the sandbox, so the runner resolves device paths inside it. Output is forwarded as it is
 * produced; if the host closes the stream, the child (and anything it started) is killed.
 */
final class RunnerLauncher {
    static final String RUNNER_CLASS = "dev.snapfusion.runner.RunnerMain";
    private static final Set<String> ALLOWED_ENV = Set.of("CLASSPATH", "LD_LIBRARY_PATH");

    private RunnerLauncher() {
    }

    static int launch(Map<String, String> env, List<String> args, ShellIo io, DeviceContext context) throws IOException {
        for (String name : env.keySet()) {
            if (!ALLOWED_ENV.contains(name)) return ShellCommands.notAllowed(io, "environment variable " + name);
        }
        if (!env.containsKey("CLASSPATH")) return ShellCommands.notAllowed(io, "app_process needs CLASSPATH=<runner jar>");
        if (args.size() < 2 || !args.get(1).equals(RUNNER_CLASS)) {
            return ShellCommands.notAllowed(io, "app_process only runs " + RUNNER_CLASS);
        }
        for (String entry : env.get("CLASSPATH").split(":")) {
            try {
                context.sandbox().resolve(entry);
            } catch (Sandbox.SandboxException e) {
                io.error("app_process: " + e.getMessage() + "\n");
                return 1;
            }
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(context.runnerClasspath());
        command.add(RUNNER_CLASS);
        command.addAll(args.subList(2, args.size()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(context.sandbox().root().toFile());
        pb.environment().put("SNAPFUSION_SYSROOT", context.sandbox().root().toString());
        Process child = pb.start();
        context.addChild(child, "app_process " + String.join(" ", args));
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
            throw new IOException("interrupted while the runner ran", e);
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
        }, "vdev-runner-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
