package dev.snapfusion.bridge.tflite;

import dev.snapfusion.runner.bundle.OpFloorException;
import java.util.List;
import java.util.Map;

/**
 * What one model asks of the phone's TFLite ({@link PhoneOpFloor}): every operator code with the version written
 * and the version its tensors need, and the reasons the phone would refuse it. Immutable.
 *
 * @param refusals one line per operator the phone's runtime cannot load; empty when the model loads
 */
public record PhoneOpReport(String file, String runtime, List<OpUse> ops, List<String> refusals) {
    public PhoneOpReport {
        ops = List.copyOf(ops);
        refusals = List.copyOf(refusals);
    }

    /**
     * One operator code. {@code needed} is the highest version TFLite's converter would give the operators using
     * it (0 when not modeled, see NeededVersions), {@code why} the tensor types or options behind it;
     * {@code custom} names a custom op, else null.
     */
    public record OpUse(String op, int builtin, int written, int needed, String why, int operators, String custom) {
        /** Written lower than its tensors need: it loads, but readers of the version (delegates, tools) misjudge it. */
        public boolean understated() {
            return needed > written;
        }

        @Override
        public String toString() {
            return op + " v" + written + (understated() ? " (needs v" + needed + ": " + why + ")" : "");
        }
    }

    public boolean loadable() {
        return refusals.isEmpty();
    }

    /** One line per operator code written with a lower version than its tensors need. */
    public List<String> understated() {
        return ops.stream().filter(OpUse::understated)
                .map(u -> u.op() + " is written as version " + u.written() + "; its tensors need version " + u.needed() + " (" + u.why() + ")")
                .toList();
    }

    /** Throws the refusal, naming this file and each operator, if the phone cannot load the model. */
    public void requireLoadable() {
        if (!loadable()) throw new OpFloorException(runtime, null, Map.of(file, refusals));
    }
}
