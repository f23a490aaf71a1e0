package dev.snapfusion.link.virtual;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One host connection: CNXN, RSA auth, then OPEN/WRTE/OKAY/CLSE dispatch (AOSP adb/protocol.txt).
 * Runs on its own thread; each opened stream gets a service thread. A protocol error drops this connection only.
 */
final class DeviceConnection implements Runnable {
    static final String BANNER = "device::ro.product.name=snapfusion_virtual;ro.product.model=SnapFusion Virtual Device (host CPU);"
            + "ro.product.device=virtual;features=shell_v2,cmd";
    static final int MAX_DATA = 256 * 1024;
    static final int MAX_DATA_BEFORE_CNXN = 4096;
    /** Hosts may send up to what they announced; adb and dadb announce 1 MiB. */
    private static final int MAX_INCOMING = 1024 * 1024;
    private static final int MAX_AUTH_ATTEMPTS = 16;
    private static final long UNAUTHORIZED_CLOSE_DELAY_MS = 1000;
    /** A host that has not authenticated within this time is dropped, so idle sockets cannot pile up. */
    private static final int HANDSHAKE_TIMEOUT_MS = 30_000;
    private static final System.Logger LOG = System.getLogger(DeviceConnection.class.getName());

    private final Socket socket;
    private final DeviceContext context;
    private final AdbPacketReader reader;
    private final AdbPacketWriter writer;
    private final Map<Integer, DeviceStream> streams = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final SecureRandom random = new SecureRandom();
    private byte[] token;
    private boolean online;
    private int version = AdbPacket.VERSION_MIN;
    private int maxData = MAX_DATA;
    private int authAttempts;

    DeviceConnection(Socket socket, DeviceContext context) throws IOException {
        this.socket = socket;
        this.context = context;
        socket.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
        this.reader = new AdbPacketReader(socket.getInputStream(), MAX_DATA_BEFORE_CNXN);
        this.writer = new AdbPacketWriter(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
    }

    @Override
    public void run() {
        String peer = String.valueOf(socket.getRemoteSocketAddress());
        try {
            AdbPacket p;
            while ((p = reader.read()) != null) {
                if (!handle(p)) break;
            }
        } catch (AdbProtocolException e) {
            LOG.log(System.Logger.Level.WARNING, "virtual device: dropping connection from " + peer + ": " + e.getMessage());
        } catch (IOException e) {
            if (!socket.isClosed()) LOG.log(System.Logger.Level.DEBUG, "virtual device: connection from " + peer + " ended: " + e);
        } finally {
            close();
        }
    }

    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (DeviceStream s : streams.values()) s.peerClosed();
        streams.clear();
        context.connectionClosed(this);
    }

    /** Returns false when the connection must end. */
    private boolean handle(AdbPacket p) throws IOException {
        if (p.command() == AdbPacket.CNXN) {
            version = Integer.compareUnsigned(p.arg0(), AdbPacket.VERSION_MIN) < 0 ? p.arg0() : AdbPacket.VERSION_MIN;
            maxData = Math.min(MAX_DATA, Math.max(MAX_DATA_BEFORE_CNXN, p.arg1()));
            // Until we answer, the host's own version decides whether its AUTH packets must carry a checksum.
            reader.version(p.arg0());
            online = false;
            sendToken();
            return true;
        }
        if (p.command() == AdbPacket.AUTH) return handleAuth(p);
        if (!online) throw new AdbProtocolException(AdbPacket.commandName(p.command()) + " before authentication");
        switch (p.command()) {
            case AdbPacket.OPEN -> open(p);
            case AdbPacket.WRTE -> {
                DeviceStream s = streams.get(p.arg1());
                if (s != null) s.deliver(p.data());
                else writer.write(new AdbPacket(AdbPacket.CLSE, 0, p.arg0(), null));
            }
            case AdbPacket.OKAY -> {
                DeviceStream s = streams.get(p.arg1());
                if (s != null) s.acknowledged();
            }
            case AdbPacket.CLSE -> {
                DeviceStream s = streams.remove(p.arg1());
                if (s != null) s.peerClosed();
            }
            default -> throw new AdbProtocolException("unexpected packet " + p);
        }
        return true;
    }

    private void sendToken() throws IOException {
        token = new byte[20];
        random.nextBytes(token);
        writer.write(new AdbPacket(AdbPacket.AUTH, AdbPacket.AUTH_TOKEN, 0, token));
    }

    private boolean handleAuth(AdbPacket p) throws IOException {
        if (online || token == null) throw new AdbProtocolException("AUTH out of order");
        if (p.arg0() == AdbPacket.AUTH_SIGNATURE) {
            if (context.authorizer().verify(token, p.data())) {
                online = true;
                token = null;
                reader.version(version);
                reader.maxData(MAX_INCOMING);
                reader.checkAfterHandshake(false);
                socket.setSoTimeout(0); // streams may stay quiet for as long as a generation runs
                writer.write(AdbPacket.of(AdbPacket.CNXN, version, maxData, BANNER));
                return true;
            }
            if (++authAttempts >= MAX_AUTH_ATTEMPTS) throw new AdbProtocolException("too many failed auth signatures");
            sendToken();
            return true;
        }
        if (p.arg0() == AdbPacket.AUTH_RSAPUBLICKEY) {
            // A phone would now ask its user; with no one to ask, an unknown key stays unauthorized.
            LOG.log(System.Logger.Level.INFO, "virtual device: refusing unknown adb key from " + socket.getRemoteSocketAddress());
            try {
                Thread.sleep(UNAUTHORIZED_CLOSE_DELAY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
        throw new AdbProtocolException("unknown AUTH type " + p.arg0());
    }

    private void open(AdbPacket p) throws IOException {
        String name = p.dataText();
        DeviceService service = DeviceServices.forName(name, context);
        if (service == null) {
            LOG.log(System.Logger.Level.DEBUG, "virtual device: refusing service '" + name + "'");
            writer.write(new AdbPacket(AdbPacket.CLSE, 0, p.arg0(), null));
            return;
        }
        int id = nextId.getAndIncrement();
        DeviceStream stream = new DeviceStream(id, p.arg0(), writer, maxData);
        streams.put(id, stream);
        writer.write(new AdbPacket(AdbPacket.OKAY, id, p.arg0(), null));
        Thread t = new Thread(() -> {
            try {
                service.serve(stream);
            } catch (IOException e) {
                if (!stream.isClosed()) LOG.log(System.Logger.Level.DEBUG, "virtual device: service '" + name + "' failed: " + e);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "virtual device: service '" + name + "' crashed", e);
            } finally {
                streams.remove(id);
                stream.finish();
            }
        }, "vdev-stream-" + id);
        t.setDaemon(true);
        t.start();
    }
}
