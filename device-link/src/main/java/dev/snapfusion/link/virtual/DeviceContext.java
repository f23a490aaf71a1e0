package dev.snapfusion.link.virtual;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What every connection of one virtual device shares: sandbox, keys, the runner classpath and live children. Thread-safe. */
final class DeviceContext {
    private final Sandbox sandbox;
    private final AdbAuthorizer authorizer;
    private final String runnerClasspath;
    private final Set<Process> children = ConcurrentHashMap.newKeySet();
    private final Set<DeviceConnection> connections = ConcurrentHashMap.newKeySet();

    DeviceContext(Sandbox sandbox, AdbAuthorizer authorizer, String runnerClasspath) {
        this.sandbox = sandbox;
        this.authorizer = authorizer;
        this.runnerClasspath = runnerClasspath;
    }

    Sandbox sandbox() {
        return sandbox;
    }

    AdbAuthorizer authorizer() {
        return authorizer;
    }

    String runnerClasspath() {
        return runnerClasspath;
    }

    void addChild(Process p) {
        children.add(p);
    }

    void removeChild(Process p) {
        children.remove(p);
    }

    /** kill PID: only our own runner children can be killed. */
    boolean killChild(long pid, boolean force) {
        for (Process p : children) {
            if (p.pid() == pid) {
                if (force) RunnerLauncher.destroyTree(p);
                else p.destroy();
                return true;
            }
        }
        return false;
    }

    void connectionOpened(DeviceConnection c) {
        connections.add(c);
    }

    void connectionClosed(DeviceConnection c) {
        connections.remove(c);
    }

    void closeAll() {
        for (DeviceConnection c : Set.copyOf(connections)) c.close();
        for (Process p : Set.copyOf(children)) RunnerLauncher.destroyTree(p);
    }
}
