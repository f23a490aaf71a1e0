package dev.snapfusion.runner.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rank-ordered BPE over byte-level symbols, following openai/CLIP's {@code bpe()} loop. Immutable, thread-safe. */
public final class Bpe {
    static final String END_OF_WORD = "</w>";

    /** Merge rank by "left right" key; lower rank merges first. */
    private final Map<String, Integer> ranks;

    Bpe(Map<String, Integer> ranks) {
        this.ranks = ranks;
    }

    /** Splits one byte-level encoded word into BPE tokens; the last token carries {@code </w>}. */
    List<String> apply(String word) {
        List<String> symbols = new ArrayList<>(word.length());
        for (int i = 0; i < word.length(); i++) {
            symbols.add(String.valueOf(word.charAt(i)));
        }
        int last = symbols.size() - 1;
        symbols.set(last, symbols.get(last) + END_OF_WORD);
        while (symbols.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            String bestLeft = null;
            String bestRight = null;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Integer r = ranks.get(symbols.get(i) + " " + symbols.get(i + 1));
                if (r != null && r < bestRank) {
                    bestRank = r;
                    bestLeft = symbols.get(i);
                    bestRight = symbols.get(i + 1);
                }
            }
            if (bestLeft == null) {
                break;
            }
            symbols = mergeAll(symbols, bestLeft, bestRight);
        }
        return symbols;
    }

    /** Replaces every non-overlapping (left, right) occurrence, scanning left to right, by their concatenation. */
    public static List<String> mergeAll(List<String> symbols, String left, String right) {
        List<String> out = new ArrayList<>(symbols.size());
        int i = 0;
        while (i < symbols.size()) {
            if (i + 1 < symbols.size() && symbols.get(i).equals(left) && symbols.get(i + 1).equals(right)) {
                out.add(left + right);
                i += 2;
            } else {
                out.add(symbols.get(i));
                i++;
            }
        }
        return out;
    }
}
