package dev.snapfusion.link;

import dadb.AdbKeyPair;
import dadb.Dadb;
import dadb.adbserver.AdbServer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The entry point of device-link: lists devices of the local and remote adb servers plus the virtual
 * device, and connects to one.
 * <pre>{@code
 * try (DeviceLink link = DeviceLink.open(LinkOptions.defaults())) {
 *     for (DeviceInfo d : link.devices()) System.out.println(d);
 *     try (Device dev = link.connect(DeviceLink.VIRTUAL_SERIAL)) {
 *         System.out.println(dev.facts().description() + " via " + dev.connectionPath());
 *     }
 * }
 * }</pre>
 * Thread-safe. {@link #close()} closes every device it handed out and stops the virtual device if
 * this link started it.
 */
public final class DeviceLink implements AutoCloseable {
    public static final String VIRTUAL_SERIAL = "virtual";
    private static final System.Logger LOG = System.getLogger(DeviceLink.class.getName());
    private static final Duration ONLINE_TIMEOUT = Duration.ofSeconds(20);
    /** No read timeout on device streams: a runner may stay silent for minutes while it loads a big model. */
    private static final int SOCKET_TIMEOUT_MS = 0;
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final LinkOptions options;
    private final AdbServerClient local;
    private final boolean localAvailable;
    private final String localProblem;
    private final List<AdbServerClient> remotes = new ArrayList<>();
    private final StudioKey studioKey;
    private final VirtualDeviceHost virtualHost;
    private final List<Device> opened = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Map<Device, ServerAddress> serverAddresses = new ConcurrentHashMap<>();
    private final List<DeviceWatch> watches = new CopyOnWriteArrayList<>();
    /** Forgets the virtual device at the adb server when the JVM is stopped without close() (SIGTERM, Ctrl-C). */
    private Thread disconnectOnExit;

    private DeviceLink(LinkOptions options, AdbServerClient local, boolean localAvailable, String localProblem) {
        this.options = options;
        this.local = local;
        this.localAvailable = localAvailable;
        this.localProblem = localProblem;
        for (String s : options.remoteServers()) {
            HostPort hp = HostPort.parse(s);
            remotes.add(new AdbServerClient(hp.host(), hp.port()));
        }
        this.studioKey = new StudioKey(options.workspace());
        this.virtualHost = new VirtualDeviceHost(options.workspace());
    }

    /**
     * Opens the link: finds adb and starts the local server if it is not running. Without adb the link
     * still works for the virtual device, which is then reached directly. A server started here is left
     * running on close, as the adb CLI does: other tools share it.
     */
    public static DeviceLink open(LinkOptions options) {
        AdbServerClient local = new AdbServerClient("127.0.0.1", options.adbServerPort());
        if (local.reachable()) return new DeviceLink(options, local, true, "");
        Optional<Path> adb = AdbLocator.find(options.adbBinary(), System.getenv());
        if (adb.isEmpty()) {
            return new DeviceLink(options, local, false, "adb not found on PATH, ANDROID_HOME or ANDROID_SDK_ROOT");
        }
        String problem = startServer(adb.get(), options.adbServerPort());
        boolean up = problem.isEmpty() && local.reachable();
        return new DeviceLink(options, local, up, up ? "" : problem.isEmpty() ? "adb server did not come up" : problem);
    }

    private static String startServer(Path adb, int port) {
        try {
            Process p = new ProcessBuilder(adb.toString(), "-P", Integer.toString(port), "start-server")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            int rc = p.waitFor();
            return rc == 0 ? "" : adb + " -P " + port + " start-server exited " + rc + ": " + out;
        } catch (IOException e) {
            return "cannot run " + adb + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while starting the adb server";
        }
    }

    /** Whether the local adb server is running; when not, {@link #localServerProblem()} says why. */
    public boolean localServerAvailable() {
        return localAvailable;
    }

    public String localServerProblem() {
        return localProblem;
    }

    /** Problems met by the last {@link #devices()} call (e.g. an unreachable remote server). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Devices of every server, keyed by (server, serial), then the virtual device. A remote server that
     * cannot be reached is skipped and named in {@link #warnings()}.
     */
    public List<DeviceInfo> devices() {
        warnings.clear();
        List<DeviceInfo> out = new ArrayList<>();
        List<AdbServerClient> servers = new ArrayList<>();
        if (localAvailable) servers.add(local);
        servers.addAll(remotes);
        String virtualAddress = virtualHost.address();
        String virtualState = "available";
        for (AdbServerClient s : servers) {
            List<ServerDevice> list;
            try {
                list = s.devicesLong();
            } catch (IOException e) {
                warnings.add("adb server " + s.address() + " not reachable: " + e.getMessage());
                continue;
            }
            for (ServerDevice d : list) {
                if (s == local && d.serial().equals(virtualAddress)) {
                    virtualState = d.state();
                    continue;
                }
                out.add(new DeviceInfo(s.address(), d.serial(), d.state(), d.property("model"), d.property("product"),
                        false));
            }
        }
        if (virtualHost.started() && !virtualState.equals("device") && directVirtual()) virtualState = "device";
        out.add(new DeviceInfo(VIRTUAL_SERIAL, VIRTUAL_SERIAL, virtualState, "virtual", "snapfusion_virtual", true));
        return out;
    }

    /**
     * Hot-plug: calls {@code onChange} with the full device list now and whenever a server reports a
     * change. Close the returned watch to stop.
     */
    public DeviceWatch watch(java.util.function.Consumer<List<DeviceInfo>> onChange) {
        List<AdbServerClient> servers = new ArrayList<>();
        if (localAvailable) servers.add(local);
        servers.addAll(remotes);
        DeviceWatch w = new DeviceWatch(this, servers, onChange);
        watches.add(w);
        return w;
    }

    void forget(DeviceWatch w) {
        watches.remove(w);
    }

    /**
     * A device call failed because the device is gone: have every watch list the servers again, now and
     * a second later (the server may not have noticed yet). adb 29 does not report a network device
     * that dropped on track-devices, so this is how such an unplug reaches the device list.
     */
    private void deviceGone() {
        if (watches.isEmpty()) return;
        Thread t = new Thread(() -> {
            for (int i = 0; i < 2; i++) {
                watches.forEach(DeviceWatch::refresh);
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "device-gone-refresh");
        t.setDaemon(true);
        t.start();
    }

    private boolean directVirtual() {
        return opened.stream().anyMatch(d -> d.isVirtual() && d.connectionPath() == ConnectionPath.DIRECT);
    }

    /**
     * Connects to a device by serial. {@link #VIRTUAL_SERIAL} starts the virtual device if needed. When
     * one serial is on several servers, use {@link #connect(DeviceInfo)}.
     *
     * @throws IllegalArgumentException for an unknown serial or one that is not online
     */
    public Device connect(String serial) {
        if (serial.equals(VIRTUAL_SERIAL)) return connectVirtual();
        List<DeviceInfo> matches = devices().stream().filter(d -> d.serial().equals(serial)).toList();
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no device '" + serial + "'; known: "
                    + devices().stream().map(DeviceInfo::serial).toList());
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("device '" + serial + "' is on several adb servers "
                    + matches.stream().map(DeviceInfo::server).toList() + "; pick one with connect(DeviceInfo)");
        }
        return connect(matches.get(0));
    }

    public Device connect(DeviceInfo info) {
        if (info.virtual()) return connectVirtual();
        if (!info.online()) {
            String hint = info.state().equals("unauthorized") ? "; accept the USB debugging prompt on the phone" : "";
            throw new IllegalArgumentException("device '" + info.serial() + "' on " + info.server() + " is "
                    + info.state() + hint);
        }
        HostPort hp = HostPort.parse(info.server());
        return remember(new DadbDevice(AdbServer.createDadb(hp.host(), hp.port(), "host:transport:" + info.serial(),
                CONNECT_TIMEOUT_MS, SOCKET_TIMEOUT_MS), info.serial(), false, ConnectionPath.ADB_SERVER,
                new ServerSync(hp.host(), hp.port(), info.serial()), this::deviceGone),
                new ServerAddress(hp, info.serial()));
    }

    private synchronized Device connectVirtual() {
        List<String> keys = new ArrayList<>();
        keys.add(studioKey.publicKeyLine());
        Path serverKey = options.androidUserDir().resolve("adbkey.pub");
        Optional<String> serverKeyLine = StudioKey.readLine(serverKey);
        serverKeyLine.ifPresent(keys::add);
        virtualHost.start(keys);
        String address = virtualHost.address();
        if (localAvailable && serverKeyLine.isEmpty()) {
            // Without its key the server could only ever see "unauthorized"; don't wait for that.
            LOG.log(Level.WARNING, "no adb server key at " + serverKey + "; connecting to the virtual device directly");
        } else if (localAvailable) {
            String state = viaServer(address);
            if (state.equals("device")) {
                LOG.log(Level.INFO, "virtual device " + address + " connected through adb server " + local.address());
                return remember(new DadbDevice(AdbServer.createDadb(local.host(), local.port(),
                        "host:transport:" + address, CONNECT_TIMEOUT_MS, SOCKET_TIMEOUT_MS), VIRTUAL_SERIAL, true,
                        ConnectionPath.ADB_SERVER, new ServerSync(local.host(), local.port(), address), this::deviceGone), new ServerAddress(new HostPort(local.host(), local.port()), address));
            }
            LOG.log(Level.WARNING, "adb server " + local.address() + " sees the virtual device as '" + state
                    + "'; connecting directly instead");
        }
        AdbKeyPair key = studioKey.loadOrCreate();
        Dadb direct = Dadb.create("127.0.0.1", virtualHost.port(), key);
        return remember(new DadbDevice(direct, VIRTUAL_SERIAL, true, ConnectionPath.DIRECT, null, this::deviceGone), null);
    }

    /**
     * Asks the local server to connect and watches host:track-devices: the first connect may answer
     * "failed to authenticate" although the device comes online a moment later.
     */
    private String viaServer(String address) {
        try {
            String answer = local.connect(address);
            LOG.log(Level.DEBUG, "host:connect:" + address + " -> " + answer);
            disconnectOnExit(address);
            return local.awaitState(address, "device", ONLINE_TIMEOUT);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "adb server " + local.address() + ": " + e.getMessage());
            return "";
        }
    }

    // Without this a killed studio leaves "127.0.0.1:port offline" in every `adb devices` until the server restarts.
    private synchronized void disconnectOnExit(String address) {
        if (disconnectOnExit != null) return;
        disconnectOnExit = new Thread(() -> {
            try {
                local.disconnect(address);
            } catch (IOException | RuntimeException e) {
                // the JVM is going down; nothing left to tell
            }
        }, "adb-disconnect-" + address);
        Runtime.getRuntime().addShutdownHook(disconnectOnExit);
    }

    private synchronized void forgetDisconnectOnExit() {
        if (disconnectOnExit == null) return;
        try {
            Runtime.getRuntime().removeShutdownHook(disconnectOnExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
        disconnectOnExit = null;
    }

    private Device remember(DadbDevice d, ServerAddress where) {
        opened.add(d);
        if (where != null) serverAddresses.put(d, where);
        return d;
    }

    /** A device as an adb server knows it: which server, under which serial. */
    private record ServerAddress(HostPort server, String serial) {
    }

    /**
     * The adb command line that reaches this device through the same server the studio uses
     * ({@code adb -H host -P port -s serial}), for comparing with the adb CLI; empty when the device is
     * reached directly or no adb binary is found.
     */
    public Optional<List<String>> adbCommand(Device d) {
        ServerAddress a = serverAddresses.get(d);
        Optional<Path> adb = AdbLocator.find(options.adbBinary(), System.getenv());
        if (a == null || adb.isEmpty()) return Optional.empty();
        return Optional.of(List.of(adb.get().toString(), "-H", a.server().host(), "-P",
                Integer.toString(a.server().port()), "-s", a.serial()));
    }

    @Override
    public void close() {
        for (Device d : opened) d.close();
        opened.clear();
        forgetDisconnectOnExit();
        if (virtualHost.started()) {
            if (localAvailable) {
                try {
                    local.disconnect(virtualHost.address());
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "disconnect " + virtualHost.address() + ": " + e.getMessage());
                }
            }
            virtualHost.close();
        }
    }
}
