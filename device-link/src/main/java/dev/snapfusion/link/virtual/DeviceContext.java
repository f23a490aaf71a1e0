package dev.snapfusion.link.virtual;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What every connection of one virtual device shares: sandbox, keys, the runner classpath and live children. Thread-safe. */
final class DeviceContext {
    private final Sandbox sandbox;
    private final AdbAuthorizer authorizer;
    private final String runnerClasspath;
    /** Live children (runners, benchmark_model emulations) and the device command line each stands for (for pkill -f). */
    private final Map<Process, String> children = new ConcurrentHashMap<>();
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

    void addChild(Process p, String deviceCommandLine) {
        children.put(p, deviceCommandLine);
    }

    void removeChild(Process p) {
        children.remove(p);
    }

    /** kill PID: only our own children can be killed. */
    boolean killChild(long pid, boolean force) {
        for (Process p : children.keySet()) {
            if (p.pid() == pid) {
                if (force) ChildJvm.destroyTree(p);
                else p.destroy();
                return true;
            }
        }
        return false;
    }

    /**
     * pkill -f PATTERN: kills our own children whose device command line contains PATTERN (a
     * literal substring here; toybox takes a regex, and the studio's patterns are plain paths).
     */
    int killMatching(String pattern, boolean force) {
        int n = 0;
        for (Map.Entry<Process, String> e : children.entrySet()) {
            if (e.getValue().contains(pattern)) {
                if (force) ChildJvm.destroyTree(e.getKey());
                else e.getKey().destroy();
                n++;
            }
        }
        return n;
    }

    void connectionOpened(DeviceConnection c) {
        connections.add(c);
    }

    void connectionClosed(DeviceConnection c) {
        connections.remove(c);
    }

    void closeAll() {
        for (DeviceConnection c : Set.copyOf(connections)) c.close();
        for (Process p : Set.copyOf(children.keySet())) ChildJvm.destroyTree(p);
    }
}
