package dev.snapfusion.runner.desktop;

import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorflowlite.TelemetryProfiler;
import org.bytedeco.tensorflowlite.TfLiteTelemetryProfilerStruct;
import org.bytedeco.tensorflowlite.TfLiteTelemetrySettings;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * TFLite's telemetry profiler, filled with Java callbacks, and the raw op events of one invoke: begin/end of each
 * node that runs on a builtin kernel, and XNNPACK's own operators with their times (docs/op-profile.md). Not
 * thread-safe: TFLite calls it on the invoking thread.
 *
 * <p>Every callback of the struct is set, the unused ones as no-ops: TFLite calls some of them unconditionally and a
 * null one crashes the JVM (FACTS.md). The struct and the callbacks are native memory that TFLite points into, so
 * this object holds them until {@link #close()}, which must come after the interpreter is destroyed.
 */
final class TelemetryRecorder implements AutoCloseable {
    static final int BUILTIN = 0;
    static final int XNNPACK = 1;

    private final TfLiteTelemetryProfilerStruct struct = new TfLiteTelemetryProfilerStruct();
    // Strong references: a collected FunctionPointer frees the thunk TFLite still calls.
    private final Begin begin = new Begin(this);
    private final End end = new End(this);
    private final Operator operator = new Operator(this);
    private final TelemetryEvent telemetryEvent = new TelemetryEvent();
    private final TelemetryOpEvent telemetryOpEvent = new TelemetryOpEvent();
    private final Settings settings = new Settings();

    private int size;
    private int[] kind = new int[256];
    /** BUILTIN: node index; XNNPACK: operator index inside its partition. */
    private int[] index = new int[256];
    /** BUILTIN: begin and end (System.nanoTime, end 0 while open); XNNPACK: when it was reported, and elapsed µs. */
    private long[] start = new long[256];
    private long[] stop = new long[256];
    private String[] name = new String[256];
    private int otherSubgraphs;
    private boolean closed;

    TelemetryRecorder() {
        struct.ReportBeginOpInvokeEvent(begin).ReportEndOpInvokeEvent(end).ReportOpInvokeEvent(operator)
                .ReportTelemetryEvent(telemetryEvent).ReportTelemetryOpEvent(telemetryOpEvent).ReportSettings(settings);
    }

    /** A new native profiler over the callbacks; the interpreter builder takes ownership of it. */
    TelemetryProfiler newProfiler() {
        if (closed) throw new IllegalStateException("telemetry recorder is closed");
        return tensorflowlite.MakeTfLiteTelemetryProfiler(struct);
    }

    /** Forgets the events recorded so far; call before each invoke. */
    void clear() {
        size = 0;
        otherSubgraphs = 0;
    }

    int size() {
        return size;
    }

    int kind(int i) {
        return kind[i];
    }

    int index(int i) {
        return index[i];
    }

    /** BUILTIN: nanoseconds between begin and end, or -1 if it never ended; XNNPACK: microseconds. */
    long elapsed(int i) {
        if (kind[i] == XNNPACK) return stop[i];
        return stop[i] == 0 ? -1 : stop[i] - start[i];
    }

    /** System.nanoTime when the event began (BUILTIN) or was reported (XNNPACK). */
    long at(int i) {
        return start[i];
    }

    /** The node's TFLite op name (BUILTIN) or XNNPACK's operator name. */
    String name(int i) {
        return name[i];
    }

    /** Events of subgraphs other than the primary one (control flow), which the plan does not cover. */
    int otherSubgraphEvents() {
        return otherSubgraphs;
    }

    private int add(int k, int idx, long s, long e, String n) {
        if (size == kind.length) grow();
        kind[size] = k;
        index[size] = idx;
        start[size] = s;
        stop[size] = e;
        name[size] = n;
        return size++;
    }

    private void grow() {
        int n = kind.length * 2;
        kind = Arrays.copyOf(kind, n);
        index = Arrays.copyOf(index, n);
        start = Arrays.copyOf(start, n);
        stop = Arrays.copyOf(stop, n);
        name = Arrays.copyOf(name, n);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        struct.close();
        begin.close();
        end.close();
        operator.close();
        telemetryEvent.close();
        telemetryOpEvent.close();
        settings.close();
    }

    private static String string(BytePointer p) {
        return p == null || p.isNull() ? "" : p.getString();
    }

    /** A node on a builtin kernel starts; the handle TFLite hands back to {@link End}. */
    private static final class Begin extends TfLiteTelemetryProfilerStruct.ReportBeginOpInvokeEvent_TfLiteTelemetryProfilerStruct_BytePointer_long_long {
        private final TelemetryRecorder r;

        Begin(TelemetryRecorder r) {
            this.r = r;
        }

        @Override
        public int call(TfLiteTelemetryProfilerStruct profiler, BytePointer op, long opIndex, long subgraphIndex) {
            if (subgraphIndex != 0) {
                r.otherSubgraphs++;
                return -1;
            }
            return r.add(BUILTIN, (int) opIndex, System.nanoTime(), 0, string(op));
        }
    }

    private static final class End extends TfLiteTelemetryProfilerStruct.ReportEndOpInvokeEvent_TfLiteTelemetryProfilerStruct_int {
        private final TelemetryRecorder r;

        End(TelemetryRecorder r) {
            this.r = r;
        }

        @Override
        public void call(TfLiteTelemetryProfilerStruct profiler, int handle) {
            if (handle >= 0 && handle < r.size && r.kind[handle] == BUILTIN) r.stop[handle] = System.nanoTime();
        }
    }

    /** XNNPACK reports each of its operators after the partition ran: name, µs, operator index. */
    private static final class Operator extends TfLiteTelemetryProfilerStruct.ReportOpInvokeEvent_TfLiteTelemetryProfilerStruct_BytePointer_long_long_long {
        private final TelemetryRecorder r;

        Operator(TelemetryRecorder r) {
            this.r = r;
        }

        @Override
        public void call(TfLiteTelemetryProfilerStruct profiler, BytePointer op, long elapsedUs, long opIndex, long subgraphIndex) {
            if (subgraphIndex != 0) {
                r.otherSubgraphs++;
                return;
            }
            r.add(XNNPACK, (int) opIndex, System.nanoTime(), elapsedUs, string(op));
        }
    }

    private static final class TelemetryEvent extends TfLiteTelemetryProfilerStruct.ReportTelemetryEvent_TfLiteTelemetryProfilerStruct_BytePointer_long {
        @Override
        public void call(TfLiteTelemetryProfilerStruct profiler, BytePointer event, long status) {
            // interpreter-level status events ("Invoke"): not op times
        }
    }

    private static final class TelemetryOpEvent extends TfLiteTelemetryProfilerStruct.ReportTelemetryOpEvent_TfLiteTelemetryProfilerStruct_BytePointer_long_long_long {
        @Override
        public void call(TfLiteTelemetryProfilerStruct profiler, BytePointer event, long opIndex, long subgraphIndex, long status) {
            // per-op status codes: not times
        }
    }

    private static final class Settings extends TfLiteTelemetryProfilerStruct.ReportSettings_TfLiteTelemetryProfilerStruct_BytePointer_TfLiteTelemetrySettings {
        @Override
        public void call(TfLiteTelemetryProfilerStruct profiler, BytePointer setting, TfLiteTelemetrySettings value) {
            // interpreter settings at build time: not times
        }
    }
}
