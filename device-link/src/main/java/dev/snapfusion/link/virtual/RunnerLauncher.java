package dev.snapfusion.link.virtual;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs {@code CLASSPATH=<jar> [LD_LIBRARY_PATH=<dir>] app_process <dir> dev.snapfusion.runner.RunnerMain ARGS...}
 * as a child JVM on the host ({@link ChildJvm}): {@code java -cp <runnerClasspath> dev.snapfusion.runner.RunnerMain
 * ARGS...}, so the runner resolves device paths inside the sandbox.
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
        return ChildJvm.run(RUNNER_CLASS, args.subList(2, args.size()), "app_process " + String.join(" ", args), io, context);
    }
}
