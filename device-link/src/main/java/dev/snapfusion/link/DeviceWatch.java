package dev.snapfusion.link;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Hot-plug: follows host:track-devices on every adb server and hands the whole device list to a
 * listener whenever it changes. A server that goes away is retried every {@link #RETRY_MS} ms.
 * <pre>{@code
 * try (DeviceWatch w = link.watch(list -> Platform.runLater(() -> table.setAll(list)))) { ... }
 * }</pre>
 * The listener runs on a watcher thread. Thread-safe; {@link #close()} stops it.
 */
public final class DeviceWatch implements AutoCloseable {
    static final long RETRY_MS = 2_000;

    private final DeviceLink link;
    private final Consumer<List<DeviceInfo>> listener;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private List<DeviceInfo> last;
    private volatile boolean closed;

    DeviceWatch(DeviceLink link, List<AdbServerClient> servers, Consumer<List<DeviceInfo>> listener) {
        this.link = link;
        this.listener = listener;
        publish();
        for (AdbServerClient s : servers) {
            Thread t = new Thread(() -> follow(s), "track-devices-" + s.address());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void follow(AdbServerClient server) {
        while (!closed) {
            try (Socket s = server.openTrack()) {
                synchronized (sockets) {
                    if (closed) return;
                    sockets.add(s);
                }
                while (!closed) {
                    SmartSocketCodec.readLengthPrefixed(s.getInputStream());
                    publish();
                }
            } catch (IOException e) {
                if (closed) return;
                publish();
                try {
                    Thread.sleep(RETRY_MS);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /**
     * Lists the servers again now. adb 29's track-devices stays silent when a network (adb connect)
     * device drops while the server tries to reconnect, although its list says "offline"; a caller whose
     * device call through the link that fails with {@link DeviceGoneException} calls this (now and a
     * second later); others may call it too.
     */
    public void refresh() {
        publish();
    }

    /** Lists every server again (devices-l has the model names track-devices lacks) and reports changes. */
    private synchronized void publish() {
        if (closed) return;
        List<DeviceInfo> now = link.devices();
        if (!Objects.equals(now, last)) {
            last = now;
            listener.accept(now);
        }
    }

    @Override
    public void close() {
        closed = true;
        link.forget(this);
        synchronized (sockets) {
            for (Socket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // already closed by the server
                }
            }
        }
        threads.forEach(Thread::interrupt);
    }
}
