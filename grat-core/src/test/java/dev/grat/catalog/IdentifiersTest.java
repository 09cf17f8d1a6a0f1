package dev.grat.catalog;

import dev.grat.event.FieldError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifiersTest {

    private static List<FieldError> check(String value) {
        List<FieldError> errors = new ArrayList<>();
        Identifiers.check(value, "visitorId", errors);
        return errors;
    }

    @Test
    void lettersDigitsAndTheFourMarks_areValid() {
        assertThat(Identifiers.isValid("v-1.2_3:x")).isTrue();
        assertThat(check("v-1.2_3:x")).isEmpty();
    }

    @Test
    void nonAsciiLettersAndDigits_areValid() {
        assertThat(Identifiers.isValid("kunde-müller-٣")).isTrue();
        assertThat(check("kunde-müller-٣")).isEmpty();
    }

    @Test
    void anyOtherCharacter_isInvalid_withTheCharacterMessage() {
        for (String bad : List.of("a b", "a/b", "a+b", "tab\t", "a\u0000", "😀", "x\uD800")) {
            assertThat(Identifiers.isValid(bad)).as(bad).isFalse();
            assertThat(check(bad)).as(bad).containsExactly(
                    new FieldError("visitorId", "may hold only letters, digits and . _ - : characters"));
        }
    }

    @Test
    void anAtSign_isReportedAsAnEmailAddress() {
        assertThat(Identifiers.isValid("a@b.example")).isFalse();
        assertThat(check("a@b.example")).containsExactly(
                new FieldError("visitorId", "looks like an e-mail address; send a pseudonymous id instead"));
    }

    @Test
    void lengthOutside1To128_isInvalid_withTheLengthMessage() {
        assertThat(Identifiers.isValid("a".repeat(128))).isTrue();
        assertThat(Identifiers.isValid("a".repeat(129))).isFalse();
        assertThat(check("a".repeat(129))).containsExactly(
                new FieldError("visitorId", "must be 1 to 128 characters, was 129"));
    }

    @Test
    void missingIds_areRequired_unlessOptional() {
        assertThat(Identifiers.isValid(null)).isFalse();
        assertThat(Identifiers.isValid("")).isFalse();
        assertThat(check(null)).containsExactly(new FieldError("visitorId", "is required"));
        assertThat(check("")).containsExactly(new FieldError("visitorId", "is required"));
        List<FieldError> errors = new ArrayList<>();
        Identifiers.checkOptional(null, "customerId", errors);
        assertThat(errors).isEmpty();
        Identifiers.checkOptional("", "customerId", errors);
        assertThat(errors).containsExactly(new FieldError("customerId", "must be 1 to 128 characters, was 0"));
    }
}
