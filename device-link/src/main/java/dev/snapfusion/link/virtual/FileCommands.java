package dev.snapfusion.link.virtual;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The file commands of the allow-list, on sandboxed paths only, with toybox-like output. A refused path exits 1
 * with a message naming it. Not thread-safe (one instance per command).
 */
final class FileCommands {
    private static final DateTimeFormatter LS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final Sandbox sandbox;
    private final ShellIo io;

    FileCommands(Sandbox sandbox, ShellIo io) {
        this.sandbox = sandbox;
        this.io = io;
    }

    /** One path operation; a refusal or I/O failure becomes "cmd: message" on stderr. */
    private interface PathOp {
        void apply(String devicePath, Path host) throws IOException, Sandbox.SandboxException;
    }

    private int eachPath(String cmd, List<String> paths, PathOp op) throws IOException {
        if (paths.isEmpty()) return ShellCommands.notAllowed(io, cmd + " needs a path");
        int code = 0;
        for (String p : paths) {
            try {
                op.apply(p, sandbox.resolve(p));
            } catch (Sandbox.SandboxException e) {
                io.error(cmd + ": " + e.getMessage() + "\n");
                code = 1;
            } catch (NoSuchFileException e) {
                io.error(cmd + ": " + p + ": No such file or directory\n");
                code = 1;
            } catch (IOException e) {
                io.error(cmd + ": " + p + ": " + describe(e) + "\n");
                code = 1;
            }
        }
        return code;
    }

    private static String describe(IOException e) {
        if (e instanceof FileAlreadyExistsException) return "File exists";
        if (e instanceof DirectoryNotEmptyException) return "Directory not empty";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    int mkdir(List<String> args) throws IOException {
        boolean parents = !args.isEmpty() && args.get(0).equals("-p");
        List<String> paths = parents ? args.subList(1, args.size()) : args;
        if (paths.stream().anyMatch(p -> p.startsWith("-"))) return ShellCommands.notAllowed(io, "mkdir option " + paths.get(0));
        return eachPath("mkdir", paths, (p, f) -> {
            if (parents) Files.createDirectories(f);
            else Files.createDirectory(f);
        });
    }

    int rm(List<String> args) throws IOException {
        boolean recursive = false;
        boolean force = false;
        int i = 0;
        for (; i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1; i++) {
            for (char c : args.get(i).substring(1).toCharArray()) {
                if (c == 'r' || c == 'R') recursive = true;
                else if (c == 'f') force = true;
                else return ShellCommands.notAllowed(io, "rm option -" + c);
            }
        }
        boolean r = recursive;
        boolean quiet = force;
        List<String> paths = args.subList(i, args.size());
        if (paths.isEmpty() && force) return 0;
        return eachPath("rm", paths, (p, f) -> {
            if (Sandbox.normalize(p).equals(Sandbox.ALLOWED_ROOT)) throw new IOException("refusing to remove the sandbox root");
            if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
                if (!quiet) throw new NoSuchFileException(p);
                return;
            }
            if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                if (!r) throw new IOException("Is a directory");
                deleteTree(f);
            } else {
                Files.delete(f);
            }
        });
    }

    /** Deletes without following symlinks, so a link inside the tree never takes anything outside with it. */
    private static void deleteTree(Path dir) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = new ArrayList<>(s.toList());
        }
        for (int i = all.size() - 1; i >= 0; i--) Files.deleteIfExists(all.get(i));
    }

    /**
     * chmod MODE FILE...: what the studio needs ({@code chmod 755} of a pushed tool) and no more: an octal mode that lets
     * no one but the owner write, on files only. As for pushes, the owner keeps read and write.
     */
    int chmod(List<String> args) throws IOException {
        if (args.size() < 2 || !args.get(0).matches("0?[0-7]{3}") || (Integer.parseInt(args.get(0), 8) & 022) != 0) {
            return ShellCommands.notAllowed(io, "only 'chmod MODE FILE...' with an octal mode that no one else can write with");
        }
        int mode = Integer.parseInt(args.get(0), 8);
        return eachPath("chmod", args.subList(1, args.size()), (p, f) -> {
            if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) throw new NoSuchFileException(p);
            if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) throw new IOException("only files here");
            Files.setPosixFilePermissions(f, SyncService.permSet(mode | 0600));
        });
    }

    int mv(List<String> args) throws IOException {
        if (args.size() != 2 || args.get(0).startsWith("-")) return ShellCommands.notAllowed(io, "mv takes exactly two paths");
        Path[] from = new Path[1];
        int code = eachPath("mv", List.of(args.get(0)), (p, f) -> {
            if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) throw new NoSuchFileException(p);
            from[0] = f;
        });
        if (code != 0) return code;
        return eachPath("mv", List.of(args.get(1)), (p, f) -> {
            Path target = Files.isDirectory(f) ? f.resolve(from[0].getFileName()) : f;
            Files.move(from[0], target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        });
    }

    int ls(List<String> args) throws IOException {
        List<String> rest = new ArrayList<>(args);
        rest.remove("-a");   // dot files are always listed here; toybox needs -a for them
        boolean longFormat = !rest.isEmpty() && rest.get(0).equals("-l");
        List<String> paths = longFormat ? rest.subList(1, rest.size()) : rest;
        if (paths.stream().anyMatch(p -> p.startsWith("-"))) return ShellCommands.notAllowed(io, "ls option " + paths.get(0));
        return eachPath("ls", paths, (p, f) -> {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            StringBuilder sb = new StringBuilder();
            if (a.isDirectory()) {
                List<Path> entries;
                try (Stream<Path> s = Files.list(f)) {
                    entries = s.sorted().toList();
                }
                for (Path e : entries) sb.append(longFormat ? longLine(e, e.getFileName().toString()) : e.getFileName() + "\n");
            } else {
                sb.append(longFormat ? longLine(f, p) : p + "\n");
            }
            io.print(sb.toString());
        });
    }

    private static String longLine(Path f, String name) throws IOException {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        String type = a.isDirectory() ? "drwxrwx--x" : "-rw-rw-rw-";
        return String.format("%s 1 shell shell %d %s %s%n", type, a.size(), LS_TIME.format(a.lastModifiedTime().toInstant()), name);
    }

    int cat(List<String> args) throws IOException {
        int code = 0;
        List<String> real = new ArrayList<>();
        for (String p : args) {
            byte[] pseudo = Sandbox.pseudoFile(p);
            if (pseudo != null) io.out().write(pseudo);
            else real.add(p);
        }
        if (real.isEmpty()) return args.isEmpty() ? ShellCommands.notAllowed(io, "cat needs a path") : code;
        return eachPath("cat", real, (p, f) -> {
            try (InputStream in = Files.newInputStream(f)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) > 0) io.out().write(buf, 0, n);
            }
        });
    }

    int stat(List<String> args) throws IOException {
        if (args.size() < 3 || !args.get(0).equals("-c")) return ShellCommands.notAllowed(io, "only 'stat -c FORMAT PATH...'");
        String format = args.get(1);
        if (!format.equals("%s") && !format.equals("%Y")) return ShellCommands.notAllowed(io, "stat format " + format);
        return eachPath("stat", args.subList(2, args.size()), (p, f) -> {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            io.print((format.equals("%s") ? a.size() : a.lastModifiedTime().toInstant().getEpochSecond()) + "\n");
        });
    }

    int test(List<String> args) throws IOException {
        if (args.size() != 2 || !List.of("-e", "-d", "-f").contains(args.get(0))) {
            return ShellCommands.notAllowed(io, "only 'test -e|-d|-f PATH'");
        }
        Path f;
        try {
            f = sandbox.resolve(args.get(1));
        } catch (Sandbox.SandboxException e) {
            io.error("test: " + e.getMessage() + "\n");
            return 1;
        }
        boolean ok = switch (args.get(0)) {
            case "-d" -> Files.isDirectory(f);
            case "-f" -> Files.isRegularFile(f);
            default -> Files.exists(f);
        };
        return ok ? 0 : 1;
    }

    int sha256sum(List<String> args) throws IOException {
        if (args.stream().anyMatch(p -> p.startsWith("-"))) return ShellCommands.notAllowed(io, "sha256sum options");
        return eachPath("sha256sum", args, (p, f) -> {
            MessageDigest md;
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
            try (InputStream in = Files.newInputStream(f)) {
                byte[] buf = new byte[256 * 1024];
                int n;
                while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
            }
            io.print(HexFormat.of().formatHex(md.digest()) + "  " + p + "\n");
        });
    }

    int du(List<String> args) throws IOException {
        if (args.size() < 2 || !args.get(0).equals("-sk")) return ShellCommands.notAllowed(io, "only 'du -sk PATH...'");
        return eachPath("du", args.subList(1, args.size()), (p, f) -> {
            long kb = 0;
            try (Stream<Path> s = Files.walk(f)) {
                for (Path e : s.toList()) {
                    BasicFileAttributes a = Files.readAttributes(e, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    kb += a.isDirectory() ? 4 : (a.size() + 4095) / 4096 * 4;
                }
            }
            io.print(kb + "\t" + p + "\n");
        });
    }

    int df(List<String> args) throws IOException {
        if (args.size() != 2 || !args.get(0).equals("-k")) return ShellCommands.notAllowed(io, "only 'df -k PATH'");
        return eachPath("df", args.subList(1, 2), (p, f) -> {
            FileStore store = Files.getFileStore(Files.exists(f) ? f : sandbox.root());
            long total = store.getTotalSpace() / 1024;
            long avail = store.getUsableSpace() / 1024;
            long used = Math.max(0, total - store.getUnallocatedSpace() / 1024);
            long pct = total == 0 ? 0 : (used * 100 + total - 1) / total;
            io.print(String.format("Filesystem     1K-blocks    Used Available Use%% Mounted on%n"
                    + "virtual        %9d %7d %9d %3d%% /data%n", total, used, avail, pct));
        });
    }

    int wc(List<String> args) throws IOException {
        if (args.size() < 2 || !args.get(0).equals("-c")) return ShellCommands.notAllowed(io, "only 'wc -c PATH...'");
        return eachPath("wc", args.subList(1, args.size()), (p, f) -> io.print(Files.size(f) + " " + p + "\n"));
    }
}
