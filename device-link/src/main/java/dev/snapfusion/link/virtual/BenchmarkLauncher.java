package dev.snapfusion.link.virtual;

import dev.snapfusion.runner.ElfHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs a file of the sandbox named as a command, as the phone's sh would exec it. The virtual device executes no
 * native code: an ELF executable for its own ABI (the only one in ro.product.cpu.abilist) is taken to be TFLite's
 * benchmark_model and runs as its emulation ({@link BenchmarkModelMain}, in a child JVM like the runner); the emulation
 * keys on the ELF header alone. Anything else fails as it would on a phone, or is refused.
 */
final class BenchmarkLauncher {
    private static final String SH = "/system/bin/sh: ";

    private BenchmarkLauncher() {
    }

    static int launch(String executable, List<String> args, ShellIo io, DeviceContext context) throws IOException {
        Path host;
        try {
            host = context.sandbox().resolve(executable);
        } catch (Sandbox.SandboxException e) {
            // /system/bin/... and the like: not on the allow-list, as before files could be run
            return ShellCommands.notAllowed(io, "command '" + executable + "' (" + e.getMessage() + ")");
        }
        if (!Files.isRegularFile(host)) {
            io.error(SH + executable + ": inaccessible or not found\n");
            return 127;
        }
        if (!Files.isExecutable(host)) {
            io.error(SH + executable + ": can't execute: Permission denied\n");
            return 126;
        }
        Optional<ElfHeader> elf = ElfHeader.read(host);
        if (elf.isEmpty()) {
            return ShellCommands.notAllowed(io, executable + " is not an ELF executable (the virtual device runs no scripts)");
        }
        if (!elf.get().executable() || !elf.get().abi().equals(Optional.of(HostInfo.abi()))) {
            io.error(SH + executable + ": not executable: " + elf.get().bits() + "-bit ELF file\n");
            return 126;
        }
        BenchmarkFlags flags;
        try {
            flags = BenchmarkFlags.parse(args);
        } catch (BenchmarkFlags.FlagException e) {
            io.error(e.getMessage() + "\n");
            return 1;
        }
        for (String path : flags.devicePaths()) {
            try {
                context.sandbox().resolve(path);
            } catch (Sandbox.SandboxException e) {
                io.error("ERROR: " + e.getMessage() + "\n");
                return 1;
            }
        }
        return ChildJvm.run(BenchmarkModelMain.class.getName(), args, executable + " " + String.join(" ", args), io, context);
    }
}
