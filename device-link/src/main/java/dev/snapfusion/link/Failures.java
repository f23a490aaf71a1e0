package dev.snapfusion.link;

import dadb.AdbAuthException;
import dadb.AdbConnectException;
import dadb.AdbConnectionClosedException;
import dadb.AdbStreamClosed;
import dadb.AdbStreamOpenException;
import dadb.AdbSyncFailException;
import dadb.AdbTimeoutException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** The one place where raw IOExceptions and dadb exceptions become {@link LinkException}s. */
final class Failures {
    private Failures() {
    }

    /**
     * @param what what we were doing, e.g. "push to /data/local/tmp/x"
     * @param serial the device, for the message
     */
    static LinkException map(IOException e, String what, String serial) {
        String where = " (" + what + " on " + serial + ")";
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof AdbSyncFailException f) {
            return new TransferException("device refused the transfer: " + f.getReason() + where, e, false);
        }
        if (e instanceof AdbAuthException) {
            return new DeviceGoneException("device did not accept the studio's adb key; accept the prompt on the "
                    + "phone and retry" + where, e);
        }
        if (e instanceof AdbTimeoutException || e instanceof SocketTimeoutException) {
            return new TransferException("timed out" + where, e, true);
        }
        if (e instanceof AdbStreamOpenException || e instanceof AdbConnectException
                || e instanceof AdbConnectionClosedException || e instanceof AdbStreamClosed
                || e instanceof ConnectException || e instanceof EOFException || e instanceof SocketException) {
            return new DeviceGoneException("device is gone or offline: " + msg + where, e);
        }
        // dadb's server client reports the server's FAIL text as a plain IOException.
        if (msg.contains("device offline") || msg.contains("not found") || msg.contains("no devices")) {
            return new DeviceGoneException("device is gone or offline: " + msg + where, e);
        }
        return new TransferException(msg + where, e, true);
    }

    static AdbServerException server(IOException e, String server, String what) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new AdbServerException("adb server " + server + ": " + what + " failed: " + msg, e, true);
    }
}
