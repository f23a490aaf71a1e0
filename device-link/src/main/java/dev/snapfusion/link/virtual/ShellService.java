package dev.snapfusion.link.virtual;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * "shell,v2[,raw|pty]:CMD", legacy "shell:CMD" and "exec:CMD". The command goes through {@link ShellCommands}, never
 * a host shell. v2 sends stdout and stderr as separate packets and the exit code in an exit packet; legacy shell
 * and exec send raw output and just close.
 */
final class ShellService implements DeviceService {
    private final DeviceContext context;
    private final String command;
    private final boolean v2;

    ShellService(DeviceContext context, String command, boolean v2) {
        this.context = context;
        this.command = command;
        this.v2 = v2;
    }

    @Override
    public void serve(DeviceStream stream) throws IOException {
        OutputStream raw = stream.output();
        ShellIo io;
        ShellPacketWriter packets = null;
        if (v2) {
            ShellPacketWriter w = new ShellPacketWriter(raw);
            packets = w;
            io = new ShellIo(packetStream(w, ShellPacket.STDOUT), packetStream(w, ShellPacket.STDERR), stream::onClose);
        } else {
            OutputStream shared = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public synchronized void write(byte[] b, int off, int len) throws IOException {
                    raw.write(b, off, len);
                }
            };
            io = new ShellIo(shared, shared, stream::onClose);
        }
        startStdinPump(stream.input(), io, stream.localId());
        int code = ShellCommands.run(command, io, context);
        if (packets != null) packets.exit(code);
    }

    private static OutputStream packetStream(ShellPacketWriter w, int id) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > 0) w.write(id, b, off, len);
            }
        };
    }

    /** Reads the host's side so its writes are acknowledged; stdin goes to the running child, if there is one. */
    private void startStdinPump(InputStream in, ShellIo io, int id) {
        Thread t = new Thread(() -> {
            try {
                if (v2) {
                    ShellPacketReader r = new ShellPacketReader(in);
                    ShellPacket p;
                    while ((p = r.read()) != null) {
                        if (p.id() == ShellPacket.STDIN) io.writeStdin(p.data(), p.data().length);
                        else if (p.id() == ShellPacket.CLOSE_STDIN) io.closeStdin();
                    }
                } else {
                    byte[] buf = new byte[8192];
                    int n;
                    while ((n = in.read(buf)) >= 0) io.writeStdin(buf, n);
                }
            } catch (IOException e) {
                // the stream ended or the host broke the shell protocol; the command's own thread notices
            }
            io.closeStdin();
        }, "vdev-stdin-" + id);
        t.setDaemon(true);
        t.start();
    }
}
