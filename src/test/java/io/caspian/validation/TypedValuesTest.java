package io.caspian.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TypedValuesTest {

    @Test
    void aBooleanMeansTheSameAsJsonAsYamlAndAsText() {
        for (String yes : new String[] {"true", "TRUE", "yes", "On"}) {
            assertThat(TypedValues.bool(yes)).as(yes).isTrue();
            assertThat(TypedValues.bool(new TextNode(yes))).as(yes).isTrue();
        }
        for (String no : new String[] {"false", "No", "off"}) {
            assertThat(TypedValues.bool(no)).as(no).isFalse();
        }
        assertThat(TypedValues.bool(BooleanNode.TRUE)).isTrue();
        for (String neither : new String[] {"1", "0", "y", "enabled", ""}) {
            assertThat(TypedValues.bool(neither)).as(neither).isNull();
        }
        assertThat(TypedValues.bool(new DoubleNode(1))).isNull();
    }

    @Test
    void numbersAreDecimalTextOrJsonNumbers() {
        assertThat(TypedValues.number(" 12.5 ")).isEqualTo(12.5);
        assertThat(TypedValues.number("1e3")).isEqualTo(1000.0);
        assertThat(TypedValues.number(new DoubleNode(-2))).isEqualTo(-2.0);
        assertThat(TypedValues.number("NaN")).isNaN();
        assertThat(TypedValues.number("Infinity")).isInfinite();
        // Java's own parser would take these; the job does not
        assertThat(TypedValues.number("0x10")).isNull();
        assertThat(TypedValues.number("1d")).isNull();
        assertThat(TypedValues.number("one")).isNull();
        assertThat(TypedValues.wholeNumber("42")).isEqualTo(42L);
        assertThat(TypedValues.wholeNumber("4.2")).isNull();
    }

    @Test
    void durationsTakeFlinksFormsAndIso() {
        assertThat(TypedValues.duration("5 min")).isEqualTo(Duration.ofMinutes(5));
        assertThat(TypedValues.duration("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(TypedValues.duration("14 d")).isEqualTo(Duration.ofDays(14));
        assertThat(TypedValues.duration("soon")).isNull();
    }
}
