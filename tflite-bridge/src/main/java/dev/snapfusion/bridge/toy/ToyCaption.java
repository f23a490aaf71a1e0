package dev.snapfusion.bridge.toy;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sentence of the toy grammar, {@code a {colour} {shape} on a {colour} background}, with two different colours.
 * {@link #parse} accepts any letter case, runs of whitespace and one trailing full stop; anything else is outside the
 * grammar. Immutable.
 */
public record ToyCaption(ToyColor color, ToyShape shape, ToyColor background) {
    public static final String GRAMMAR = "a {colour} {shape} on a {colour} background";
    private static final Pattern SENTENCE = Pattern.compile("a ([a-z]+) ([a-z]+) on a ([a-z]+) background");

    public ToyCaption {
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(background, "background");
        if (color == background) {
            throw new IllegalArgumentException("a " + shape.word() + " must differ in colour from its background, both are "
                    + color.word());
        }
    }

    public String text() {
        return "a " + color.word() + " " + shape.word() + " on a " + background.word() + " background";
    }

    /** The caption the sentence spells, or empty when it is outside the grammar (or names one colour twice). */
    public static Optional<ToyCaption> parse(String sentence) {
        if (sentence == null) return Optional.empty();
        String s = sentence.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (s.endsWith(".")) s = s.substring(0, s.length() - 1).stripTrailing();
        Matcher m = SENTENCE.matcher(s);
        if (!m.matches()) return Optional.empty();
        Optional<ToyColor> color = ToyColor.ofWord(m.group(1));
        Optional<ToyShape> shape = ToyShape.ofWord(m.group(2));
        Optional<ToyColor> background = ToyColor.ofWord(m.group(3));
        if (color.isEmpty() || shape.isEmpty() || background.isEmpty() || color.get() == background.get()) {
            return Optional.empty();
        }
        return Optional.of(new ToyCaption(color.get(), shape.get(), background.get()));
    }

    @Override
    public String toString() {
        return text();
    }
}
