package dev.snapfusion.runner.bundle;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Model files that use an operator, or an operator version, the phone's TFLite does not register: they would
 * convert and run on the desktop and then fail to load on the phone. A user-facing refusal (the bundle or the
 * recipe has to change), so it is an {@link IllegalArgumentException} like the other bad-bundle errors.
 */
public final class OpFloorException extends IllegalArgumentException {
    private final Map<String, List<String>> problems;

    /** {@code bundle} may be null (a single model); {@code problems}: file → one line per operator it cannot load. */
    public OpFloorException(String runtime, String bundle, Map<String, List<String>> problems) {
        super(message(runtime, bundle, problems));
        this.problems = Collections.unmodifiableMap(problems);
    }

    /** File (as named in the message) → one line per operator it cannot load. */
    public Map<String, List<String>> problems() {
        return problems;
    }

    private static String message(String runtime, String bundle, Map<String, List<String>> problems) {
        StringBuilder s = new StringBuilder();
        if (bundle != null) s.append(bundle).append(": ");
        s.append(problems.size() == 1 ? "a model" : problems.size() + " models").append(" that ").append(runtime)
                .append(" on the phone cannot load:");
        for (Map.Entry<String, List<String>> e : problems.entrySet()) {
            for (String p : e.getValue()) s.append("\n  ").append(e.getKey()).append(": ").append(p);
        }
        s.append("\nConvert it with a recipe that avoids these operators, or move the runner to a TFLite that has them"
                + " (docs/phone-floor.md).");
        return s.toString();
    }
}
