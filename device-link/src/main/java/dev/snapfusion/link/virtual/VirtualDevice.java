package dev.snapfusion.link.virtual;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;

/**
 * A phone-less Android device: the device side of ADB (adbd) on 127.0.0.1, with RSA auth, sync and a small
 * allow-listed shell that can run the SnapFusion runner on the host JVM. Reach it like a phone over Wi-Fi:
 * {@code adb connect 127.0.0.1:PORT}, or {@code Dadb.create("127.0.0.1", port, keyPair)}. Thread-safe.
 *
 * <pre>{@code
 * try (VirtualDevice dev = VirtualDevice.start(new VirtualDeviceConfig(sandbox, 0, List.of(adbPubKeyLine), null))) {
 *     adbConnect(dev.address());
 * }
 * }</pre>
 */
public final class VirtualDevice implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(VirtualDevice.class.getName());

    private final ServerSocket server;
    private final DeviceContext context;
    private final Path sandboxDir;
    private volatile boolean closed;
    /** Kills runner children if the JVM exits without close() (Ctrl-C of the studio): no orphans. */
    private final Thread shutdownHook;

    private VirtualDevice(ServerSocket server, DeviceContext context, Path sandboxDir) {
        this.server = server;
        this.context = context;
        this.sandboxDir = sandboxDir;
        this.shutdownHook = new Thread(context::closeAll, "vdev-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Binds 127.0.0.1 only and accepts on a daemon thread. Bad keys in the config throw IllegalArgumentException. */
    public static VirtualDevice start(VirtualDeviceConfig cfg) throws IOException {
        AdbAuthorizer authorizer = AdbAuthorizer.fromLines(cfg.authorizedKeys());
        Sandbox sandbox = new Sandbox(cfg.sandboxDir());
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), cfg.port()));
        VirtualDevice device = new VirtualDevice(server, new DeviceContext(sandbox, authorizer, cfg.runnerClasspath()), sandbox.root());
        Thread t = new Thread(device::acceptLoop, "vdev-accept-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
        return device;
    }

    public int port() {
        return server.getLocalPort();
    }

    public String address() {
        return "127.0.0.1:" + port();
    }

    public Path sandboxDir() {
        return sandboxDir;
    }

    /** Stops accepting, drops every connection and kills runner processes still running. */
    @Override
    public void close() {
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException exiting) {
            // the JVM is shutting down and runs the hook anyway
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        context.closeAll();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed) LOG.log(System.Logger.Level.WARNING, "virtual device: accept failed: " + e);
                return;
            }
            try {
                s.setTcpNoDelay(true);
                DeviceConnection c = new DeviceConnection(s, context);
                context.connectionOpened(c);
                if (closed) {
                    c.close();
                    return;
                }
                Thread t = new Thread(c, "vdev-conn-" + s.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "virtual device: cannot serve " + s.getRemoteSocketAddress() + ": " + e);
                try {
                    s.close();
                } catch (IOException ignored) {
                    // gone
                }
            }
        }
    }
}
