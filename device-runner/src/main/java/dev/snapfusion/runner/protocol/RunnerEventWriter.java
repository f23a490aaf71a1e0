package dev.snapfusion.runner.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;

/** Writes runner events as JSON lines and flushes each one. Thread-safe (synchronized per line). */
public final class RunnerEventWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;

    public RunnerEventWriter(PrintStream out) {
        this.out = out;
    }

    public synchronized void write(RunnerEvent e) {
        out.print(toLine(e));
        out.print('\n');
        out.flush();
    }

    public static String toLine(RunnerEvent e) {
        ObjectNode n = JSON.createObjectNode();
        if (e instanceof RunnerEvent.Hello h) {
            n.put("event", "hello");
            n.put("protocol", h.protocol());
            n.put("runner", h.runner());
            n.put("tflite", h.tflite());
            n.put("device", h.device());
            n.put("abi", h.abi());
        } else if (e instanceof RunnerEvent.Loaded l) {
            n.put("event", "loaded");
            n.put("component", l.component());
            n.put("ms", l.ms());
            n.put("bytes", l.bytes());
        } else if (e instanceof RunnerEvent.Phase p) {
            n.put("event", "phase");
            n.put("name", p.name());
            n.put("ms", p.ms());
        } else if (e instanceof RunnerEvent.Step s) {
            n.put("event", "step");
            n.put("index", s.index());
            n.put("total", s.total());
            n.put("timestep", s.timestep());
            n.put("ms", s.ms());
        } else if (e instanceof RunnerEvent.BlockTiming b) {
            n.put("event", "block");
            n.put("id", b.id());
            n.put("stage", b.stage());
            n.put("kind", b.kind());
            n.put("ms", b.ms());
            n.put("samples", b.samples());
        } else if (e instanceof RunnerEvent.Memory m) {
            n.put("event", "memory");
            n.put("peak_kb", m.peakKb());
        } else if (e instanceof RunnerEvent.Done d) {
            n.put("event", "done");
            n.put("image", d.image());
            n.put("timings", d.timings());
            n.put("total_ms", d.totalMs());
        } else if (e instanceof RunnerEvent.Notice x) {
            n.put("event", "notice");
            n.put("code", x.code());
            n.put("message", x.message());
        } else if (e instanceof RunnerEvent.Error x) {
            n.put("event", "error");
            n.put("code", x.code());
            n.put("message", x.message());
        }
        return n.toString();
    }
}
