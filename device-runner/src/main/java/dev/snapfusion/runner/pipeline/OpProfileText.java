package dev.snapfusion.runner.pipeline;

import dev.snapfusion.runner.protocol.OpProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one-line summary of an op profile that the runner's {@code op_profile} notice carries. Stateless. */
final class OpProfileText {
    private OpProfileText() {
    }

    static String summary(OpProfile p) {
        List<String> parts = new ArrayList<>();
        int whole = 0;
        for (OpProfile.Component c : p.components()) {
            parts.add(String.format(Locale.ROOT, "%s %d ops %.1f ms of a %.1f ms invoke (%.1f ms profiler)", c.name(),
                    c.ops().size(), c.opsMs(), c.invokeMs(), c.profilerMs()));
            whole += c.notes().size();
        }
        String tail = whole == 0 ? "" : "; " + whole + " XNNPACK partition(s) kept whole (see notes)";
        return "op profile (" + p.runtime() + "): " + String.join(", ", parts) + tail + " → " + OpProfile.FILE_NAME;
    }
}
