package dev.snapfusion.runner.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Parses one JSON line from the runner into a {@link RunnerEvent}. Thread-safe. */
public final class RunnerEventReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunnerEventReader() {
    }

    public static RunnerEvent parse(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (IOException e) {
            throw new RunnerProtocolException("runner line is not JSON: " + abbreviate(line), e);
        }
        if (n == null || !n.isObject()) throw new RunnerProtocolException("runner line is not a JSON object: " + abbreviate(line));
        String type = text(n, "event", line);
        return switch (type) {
            case "hello" -> new RunnerEvent.Hello((int) integer(n, "protocol", line), text(n, "runner", line),
                    text(n, "tflite", line), text(n, "device", line), text(n, "abi", line));
            case "loaded" -> new RunnerEvent.Loaded(text(n, "component", line), number(n, "ms", line), integer(n, "bytes", line));
            case "phase" -> new RunnerEvent.Phase(text(n, "name", line), number(n, "ms", line));
            case "step" -> new RunnerEvent.Step((int) integer(n, "index", line), (int) integer(n, "total", line),
                    (int) integer(n, "timestep", line), number(n, "ms", line));
            case "block" -> new RunnerEvent.BlockTiming(text(n, "id", line), text(n, "stage", line), text(n, "kind", line),
                    number(n, "ms", line), (int) integer(n, "samples", line));
            case "memory" -> new RunnerEvent.Memory(integer(n, "peak_kb", line));
            case "done" -> new RunnerEvent.Done(text(n, "image", line), text(n, "timings", line), number(n, "total_ms", line));
            case "notice" -> new RunnerEvent.Notice(text(n, "code", line), text(n, "message", line));
            case "error" -> new RunnerEvent.Error(text(n, "code", line), text(n, "message", line));
            default -> throw new RunnerProtocolException("unknown runner event '" + type + "' in: " + abbreviate(line));
        };
    }

    private static JsonNode field(JsonNode n, String name, String line) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) throw new RunnerProtocolException("runner event lacks '" + name + "': " + abbreviate(line));
        return v;
    }

    private static String text(JsonNode n, String name, String line) {
        JsonNode v = field(n, name, line);
        if (!v.isTextual()) throw new RunnerProtocolException("'" + name + "' must be a string: " + abbreviate(line));
        return v.asText();
    }

    private static long integer(JsonNode n, String name, String line) {
        JsonNode v = field(n, name, line);
        if (!v.isIntegralNumber()) throw new RunnerProtocolException("'" + name + "' must be an integer: " + abbreviate(line));
        return v.asLong();
    }

    private static double number(JsonNode n, String name, String line) {
        JsonNode v = field(n, name, line);
        if (!v.isNumber()) throw new RunnerProtocolException("'" + name + "' must be a number: " + abbreviate(line));
        return v.asDouble();
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
