package dev.grat.decide.bandit;

import dev.grat.InvalidInputException;
import dev.grat.event.FieldError;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DecisionRequestsTest {

    private static DecisionRequest withContext(String channel, String deviceClass) {
        return new DecisionRequest("v1", "home-offer", List.of(new Candidate("a", Map.of("x", 1.0))),
                RequestContext.of(channel, deviceClass), null);
    }

    private static List<FieldError> errorsOf(DecisionRequest request) {
        return catchThrowableOfType(InvalidInputException.class, () -> DecisionRequests.validate(request, 50)).errors();
    }

    @Test
    void printableLabels_upTo64Characters_pass() {
        assertThatCode(() -> DecisionRequests.validate(withContext("web", "x".repeat(64)), 50)).doesNotThrowAnyException();
        assertThatCode(() -> DecisionRequests.validate(withContext(null, null), 50)).doesNotThrowAnyException();
    }

    @Test
    void labelsWithControlCharacters_areRefused() {
        assertThat(errorsOf(withContext("we\nb", "mobile\u007f"))).containsExactly(
                new FieldError("context.channel", "must be 1 to 64 printable characters"),
                new FieldError("context.deviceClass", "must be 1 to 64 printable characters"));
    }

    @Test
    void emptyOrTooLongLabels_areRefused() {
        assertThat(errorsOf(withContext("", "x".repeat(65)))).extracting(FieldError::field)
                .containsExactly("context.channel", "context.deviceClass");
    }
}
