package dev.snapfusion.bridge.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ToyCaptionTest {
    @Test
    void parse_everyGrammarSentence_roundTrips() {
        for (ToyCaption c : ToyWorld.EVAL_CAPTIONS) assertThat(ToyCaption.parse(c.text())).contains(c);
    }

    @Test
    void parse_caseSpacesAndFullStop_accepted() {
        assertThat(ToyCaption.parse("  A Red   CIRCLE on a\tblue background. "))
                .contains(new ToyCaption(ToyColor.RED, ToyShape.CIRCLE, ToyColor.BLUE));
    }

    @Test
    void parse_outsideTheGrammar_empty() {
        assertThat(ToyCaption.parse("a photo of an astronaut riding a horse on mars")).isEmpty();
        assertThat(ToyCaption.parse("a red circle on blue background")).isEmpty();
        assertThat(ToyCaption.parse("a purple circle on a blue background")).isEmpty();
        assertThat(ToyCaption.parse("a red hexagon on a blue background")).isEmpty();
        assertThat(ToyCaption.parse("a red circle on a red background")).isEmpty();
        assertThat(ToyCaption.parse("")).isEmpty();
        assertThat(ToyCaption.parse(null)).isEmpty();
    }

    @Test
    void new_sameColourTwice_refused() {
        assertThatThrownBy(() -> new ToyCaption(ToyColor.CYAN, ToyShape.SQUARE, ToyColor.CYAN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cyan");
    }

    @Test
    void nearest_paletteCornersAndMidTones_nearestCorner() {
        for (ToyColor c : ToyColor.values()) assertThat(ToyColor.nearest(c.red(), c.green(), c.blue())).isEqualTo(c);
        assertThat(ToyColor.nearest(200, 40, 30)).isEqualTo(ToyColor.RED);
        assertThat(ToyColor.nearest(230, 220, 60)).isEqualTo(ToyColor.YELLOW);
        assertThat(ToyColor.nearest(100, 100, 100)).isEqualTo(ToyColor.BLACK);
    }
}
