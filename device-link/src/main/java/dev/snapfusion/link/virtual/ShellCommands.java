package dev.snapfusion.link.virtual;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The virtual device's whole "shell": a tokenizer and a fixed allow-list of commands implemented in Java (see
 * docs/virtual-device.md). Refused lines exit 127 with "virtual device: not allowed: ..." on stderr; nothing is
 * ever passed to a host shell. Stateless, thread-safe.
 */
final class ShellCommands {
    static final int NOT_ALLOWED = 127;
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

    private ShellCommands() {
    }

    static int run(String line, ShellIo io, DeviceContext context) throws IOException {
        List<String> words;
        try {
            words = ShellTokenizer.tokenize(line);
        } catch (ShellTokenizer.NotAllowedException e) {
            return notAllowed(io, e.getMessage());
        }
        Map<String, String> env = new LinkedHashMap<>();
        int i = 0;
        while (i < words.size() && ASSIGNMENT.matcher(words.get(i)).matches()) {
            String w = words.get(i++);
            env.put(w.substring(0, w.indexOf('=')), w.substring(w.indexOf('=') + 1));
        }
        if (i == words.size()) return env.isEmpty() ? 0 : notAllowed(io, "variable assignment without a command");
        String name = words.get(i);
        List<String> args = new ArrayList<>(words.subList(i + 1, words.size()));
        if (name.equals("app_process")) return RunnerLauncher.launch(env, args, io, context);
        if (!env.isEmpty()) return notAllowed(io, "environment variables are only allowed for app_process");
        if (name.startsWith("/")) return BenchmarkLauncher.launch(name, args, io, context);
        FileCommands files = new FileCommands(context.sandbox(), io);
        return switch (name) {
            case "echo" -> echo(args, io);
            case "true" -> 0;
            case "false" -> 1;
            case "exit" -> exit(args, io);
            case "getprop" -> getprop(args, io);
            case "kill" -> kill(args, io, context);
            case "pkill" -> pkill(args, io, context);
            case "mkdir" -> files.mkdir(args);
            case "rm" -> files.rm(args);
            case "mv" -> files.mv(args);
            case "chmod" -> files.chmod(args);
            case "ls" -> files.ls(args);
            case "cat" -> files.cat(args);
            case "stat" -> files.stat(args);
            case "test" -> files.test(args);
            case "sha256sum" -> files.sha256sum(args);
            case "du" -> files.du(args);
            case "df" -> files.df(args);
            case "wc" -> files.wc(args);
            default -> notAllowed(io, "command '" + name + "'");
        };
    }

    static int notAllowed(ShellIo io, String why) throws IOException {
        io.error("virtual device: not allowed: " + why + "\n");
        return NOT_ALLOWED;
    }

    private static int echo(List<String> args, ShellIo io) throws IOException {
        boolean newline = true;
        if (!args.isEmpty() && args.get(0).equals("-n")) {
            newline = false;
            args = args.subList(1, args.size());
        }
        io.print(String.join(" ", args) + (newline ? "\n" : ""));
        return 0;
    }

    private static int exit(List<String> args, ShellIo io) throws IOException {
        if (args.isEmpty()) return 0;
        try {
            return args.size() == 1 ? Integer.parseInt(args.get(0)) & 0xff : notAllowed(io, "exit takes one number");
        } catch (NumberFormatException e) {
            return notAllowed(io, "exit needs a number, got '" + args.get(0) + "'");
        }
    }

    private static int getprop(List<String> args, ShellIo io) throws IOException {
        Map<String, String> props = HostInfo.properties();
        if (args.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            props.forEach((k, v) -> sb.append('[').append(k).append("]: [").append(v).append("]\n"));
            io.print(sb.toString());
            return 0;
        }
        if (args.size() > 2) return notAllowed(io, "getprop takes a key and an optional default");
        io.print(props.getOrDefault(args.get(0), args.size() == 2 ? args.get(1) : "") + "\n");
        return 0;
    }

    /** pkill [-9] -f PATTERN: only runner processes started by this device; exit 1 when none matched. */
    private static int pkill(List<String> args, ShellIo io, DeviceContext context) throws IOException {
        boolean force = !args.isEmpty() && (args.get(0).equals("-9") || args.get(0).equals("-KILL"));
        List<String> rest = force ? args.subList(1, args.size()) : args;
        if (rest.size() != 2 || !rest.get(0).equals("-f") || rest.get(1).isEmpty()) {
            return notAllowed(io, "only 'pkill [-9] -f PATTERN'");
        }
        return context.killMatching(rest.get(1), force) > 0 ? 0 : 1;
    }

    private static int kill(List<String> args, ShellIo io, DeviceContext context) throws IOException {
        boolean force = !args.isEmpty() && (args.get(0).equals("-9") || args.get(0).equals("-KILL"));
        List<String> pids = force ? args.subList(1, args.size()) : args;
        if (pids.isEmpty()) return notAllowed(io, "kill needs a pid");
        int code = 0;
        for (String pid : pids) {
            long n;
            try {
                n = Long.parseLong(pid);
            } catch (NumberFormatException e) {
                return notAllowed(io, "kill needs a numeric pid, got '" + pid + "'");
            }
            if (!context.killChild(n, force)) {
                io.error("kill: " + pid + ": No such process\n");
                code = 1;
            }
        }
        return code;
    }
}
